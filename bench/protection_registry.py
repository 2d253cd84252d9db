"""Protection registry: the case listing of a township-scoped user at 1k and at 100k cases, and
an exact ID-number lookup by keyed hash at 100k minors.

Runs in a child process with its own SQLite database (or BENCH_DATABASE_URL): two townships, a
village each, N minors with encrypted ID numbers and one case each, half of them in the user's
township. Figures, each a ratio measured in the same run:
- listing page 1 at 100k / at 1k (the target: at most 1.5), and the queries per page at each size
  (constant: no N+1, the scope is one filter);
- the hash lookup (HMAC of the typed number, then an indexed equality) / fetching one minor by
  primary key."""

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


def _grow(upto, villages):
    """Add minors and cases until there are `upto`, in bulk (encrypting and hashing each ID)."""
    import datetime as dt

    from lantian.crypto import keyed_hash
    from protection.identity import make_id_number
    from protection.models import Case, Minor

    start = Minor.objects.count()
    born = dt.date(2014, 1, 1)
    for first in range(start, upto, 5_000):
        minors = []
        for n in range(first, min(first + 5_000, upto)):
            day = born + dt.timedelta(days=n % 3650)
            number = make_id_number("410199", day, (n // 3650) % 1000)  # unique up to 3.65M
            village = villages[n % 2]
            minors.append(
                Minor(
                    name=f"示例·儿童{n}",
                    sex="male" if ((n // 3650) % 1000) % 2 else "female",
                    birth_date=day,
                    id_number=number,
                    id_number_hash=keyed_hash(number),
                    township_id=village.township_id,
                    village=village,
                )
            )
        created = Minor.objects.bulk_create(minors)
        Case.objects.bulk_create(
            Case(minor=m, reference=f"GA-2026-{m.pk:07d}", source="hotline", summary="示例")
            for m in created
        )
    return Minor.objects.order_by("pk")[upto // 2]


def inner():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lantian.crypto import keyed_hash
    from protection import roles
    from protection.models import Minor, StaffScope, Township, Village

    call_command("migrate", verbosity=0)
    towns = [Township.objects.create(name=f"测试{i}镇", sort_order=i) for i in range(2)]
    villages = [Village.objects.create(name=f"测试{i}村", township=t) for i, t in enumerate(towns)]
    user = get_user_model().objects.create_user("bench-township")
    user.groups.add(roles.ensure_groups()[roles.TOWNSHIP_STAFF])
    StaffScope.objects.create(user=user, level="township").townships.set([towns[0]])
    client = Client()
    client.force_login(user)

    def listing():
        response = client.get("/admin/protection/cases/")
        assert response.status_code == 200, response.status_code

    def queries():
        with CaptureQueriesContext(connection) as captured:
            listing()
        return len(captured)

    _grow(SMALL, villages)
    listing()  # warm
    small, small_queries = _best(listing), queries()
    probe = _grow(LARGE, villages)
    listing()
    large, large_queries = _best(listing), queries()
    typed = probe.id_number.lower()

    def by_hash():
        assert Minor.objects.get(id_number_hash=keyed_hash(typed)).pk == probe.pk

    def by_pk():
        Minor.objects.get(pk=probe.pk)

    lookup, fetch = _best(by_hash, 50), _best(by_pk, 50)
    print(
        json.dumps(
            {
                f"case listing, township user, page 1 at {SMALL} cases (ms)": small * 1000,
                f"case listing, township user, page 1 at {LARGE} cases (ms)": large * 1000,
                f"case listing {LARGE} / {SMALL} cases": large / small,
                f"queries per listing page at {SMALL}": small_queries,
                f"queries per listing page at {LARGE}": large_queries,
                f"ID lookup by keyed hash at {LARGE} / fetch by primary key": lookup / fetch,
            }
        )
    )


def main():
    return run_inner(__file__, "protection")


if __name__ == "__main__":
    if "--inner" in sys.argv:
        inner()
    else:
        print_figures(main())
