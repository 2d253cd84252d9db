"""Programme management: what opening a quarter, the office's overview and the quarter's xlsx
cost, each against Wagtail's own machinery on the same data in the same run.

Runs in a child process with its own SQLite database (the seed's 28 reporting units, with the
training demo so that "people trained" has sessions to count). References:
- opening a quarter (draft, figures, revision, log per unit) against saving the same number of
  bare report rows one by one in one transaction (each save runs Wagtail's index tasks too);
- the overview and the xlsx export against Wagtail's snippet listing of the same reports."""

import json
import os
import sys
import time

from bench.harness import print_figures, run_inner

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))


def _best(fn, rounds=ROUNDS):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def inner():
    import io

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from programme import workflow
    from programme.models import QuarterlyReport, ReportingQuarter, ReportingUnit, sync_units
    from protection import demo as protection_demo
    from training import demo as training_demo

    protection_demo.load(io.StringIO())
    training_demo.load(io.StringIO())
    sync_units()
    units = list(ReportingUnit.objects.all())

    year = [2000]

    def open_quarter():
        year[0] += 1
        rq = ReportingQuarter.objects.create(year=year[0], number=1, deadline=f"{year[0]}-04-10")
        workflow.open_quarter(rq, None)

    @transaction.atomic  # as open_quarter is: one commit, so both pay the same fsyncs
    def bare_rows():
        year[0] += 1
        rq = ReportingQuarter.objects.create(year=year[0], number=1, deadline=f"{year[0]}-04-10")
        for unit in units:
            QuarterlyReport(reporting_quarter=rq, unit=unit).save()

    opening = _best(open_quarter)
    bare = _best(bare_rows)

    rq = ReportingQuarter.objects.create(year=2100, number=1, deadline="2100-04-10")
    workflow.open_quarter(rq, None)
    user = get_user_model().objects.create_superuser("bench")
    client = Client()
    client.force_login(user)

    def get(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    listing = _best(get(f"/admin/programme/reports/?reporting_quarter={rq.pk}"))
    overview = _best(get(f"/admin/programme/quarters/{rq.pk}/overview/"))
    export = _best(get(f"/admin/programme/quarters/{rq.pk}/export/"))
    print(
        json.dumps(
            {
                f"open a quarter for {len(units)} units (ms)": opening * 1000,
                f"save {len(units)} bare report rows (ms)": bare * 1000,
                "open a quarter / bare rows": opening / bare,
                "quarter overview (ms)": overview * 1000,
                "Wagtail's report listing, same quarter (ms)": listing * 1000,
                "overview / Wagtail listing": overview / listing,
                "quarter xlsx export / Wagtail listing": export / listing,
            }
        )
    )


def main():
    return run_inner(__file__, "programme")


if __name__ == "__main__":
    if "--inner" in sys.argv:
        inner()
    else:
        print_figures(main())
