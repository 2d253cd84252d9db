"""Monitoring: the overdue list and the dashboard panel of a township user at 1k and at 100k
cases, refreshing every case's due date after a rule edit, and one visit's save.

Runs in a child process with its own SQLite database (or BENCH_DATABASE_URL): two townships, a
village each, N minors with one case and one visit each (half of them in the user's township,
visit dates spread over 60 days so that about a third are overdue under a 30-day rule). Figures,
each a ratio measured in the same run:
- overdue list page 1 at 100k / at 1k (an indexed range on next_due_on: should stay near 1),
  and the queries per page at each size;
- the dashboard panel's counts at 100k / at 1k;
- refreshing every case (after a rule edit), time per case at 100k / at 1k (linear: near 1);
- saving one visit (which refreshes its case) at 100k / at 1k (independent of size: near 1)."""

import json
import os
import sys
import time

from bench.harness import print_figures, run_inner

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SMALL, LARGE = 1_000, int(os.environ.get("BENCH_CASES", "100000"))


def _best(fn, rounds=ROUNDS):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _grow(upto, villages, today):
    """Minors, cases and one visit each until there are `upto`, in bulk (no signals)."""
    import datetime as dt

    from monitoring.models import HomeVisit
    from protection.models import Case, Minor

    start = Minor.objects.count()
    for first in range(start, upto, 5_000):
        minors = [
            Minor(
                name=f"示例·儿童{n}",
                sex="female",
                birth_date=dt.date(2014, 1, 1) + dt.timedelta(days=n % 3650),
                township_id=villages[n % 2].township_id,
                village=villages[n % 2],
            )
            for n in range(first, min(first + 5_000, upto))
        ]
        created = Minor.objects.bulk_create(minors)
        cases = Case.objects.bulk_create(
            Case(
                minor=m,
                reference=f"GA-2026-{m.pk:07d}",
                source="hotline",
                summary="示例",
                opened_on=today - dt.timedelta(days=90),
            )
            for m in created
        )
        HomeVisit.objects.bulk_create(
            HomeVisit(
                case=c,
                visited_on=today - dt.timedelta(days=c.pk % 60),
                findings="示例",
                visitor_name="示例·网格员",
            )
            for c in cases
        )


def inner():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    from monitoring import due
    from monitoring.clock import city_today
    from monitoring.dashboard import VisitsDuePanel
    from monitoring.models import HomeVisit, VisitRule
    from protection import roles
    from protection.models import Case, StaffScope, Township, Village

    call_command("migrate", verbosity=0)
    today = city_today()
    towns = [Township.objects.create(name=f"测试{i}镇", sort_order=i) for i in range(2)]
    villages = [Village.objects.create(name=f"测试{i}村", township=t) for i, t in enumerate(towns)]
    VisitRule.objects.create(name="每30天", interval_days=30)
    user = get_user_model().objects.create_user("bench-township")
    user.groups.add(roles.ensure_groups()[roles.TOWNSHIP_STAFF])
    StaffScope.objects.create(user=user, level="township").townships.set([towns[0]])
    client = Client()
    client.force_login(user)
    request = RequestFactory().get("/admin/")
    request.user = user

    def listing():
        response = client.get("/admin/monitoring/due/?due=overdue")
        assert response.status_code == 200, response.status_code

    def panel():
        user.__dict__.pop("_lantian_scope", None)
        VisitsDuePanel(user).get_context_data()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            listing()
        return len(captured)

    def one_visit():
        case = Case.objects.order_by("pk").last()
        visit = HomeVisit.objects.create(case=case, visited_on=today, findings="示例")
        visit.delete()

    figures = {}
    for size in (SMALL, LARGE):
        _grow(size, villages, today)
        start = time.perf_counter()
        due.refresh_all()
        figures[size] = {"refresh": (time.perf_counter() - start) / size}
        listing()  # warm
        figures[size].update(
            listing=_best(listing), queries=queries(), panel=_best(panel), visit=_best(one_visit)
        )
    small, large = figures[SMALL], figures[LARGE]
    print(
        json.dumps(
            {
                f"overdue list, township user, page 1 at {LARGE} cases (ms)": large["listing"]
                * 1000,
                f"overdue list page 1, {LARGE} / {SMALL} cases": large["listing"]
                / small["listing"],
                f"queries per overdue list page at {SMALL}": small["queries"],
                f"queries per overdue list page at {LARGE}": large["queries"],
                f"dashboard panel counts, {LARGE} / {SMALL} cases": large["panel"] / small["panel"],
                f"refresh after a rule edit at {LARGE} cases (s)": large["refresh"] * LARGE,
                f"refresh per case, {LARGE} / {SMALL} cases": large["refresh"] / small["refresh"],
                f"one visit saved, {LARGE} / {SMALL} cases": large["visit"] / small["visit"],
            }
        )
    )


def main():
    return run_inner(__file__, "monitoring")


if __name__ == "__main__":
    if "--inner" in sys.argv:
        inner()
    else:
        print_figures(main())
