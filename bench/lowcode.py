"""Low-code administration: the minor listing at 100k minors filtered on three custom fields
(a yes/no, a one-choice and a village field, kept in lowcode's typed value table) against the
same listing filtered on three built-in fields (township, sex, target category).

Runs in a child process with its own SQLite database (or BENCH_DATABASE_URL). Both filters pick
the same share of the minors (one in eight) so that the two listings do the same work but for
the way the filter reaches the rows. Figures, each measured in the same run:
- page 1 filtered on three custom fields / on three built-in fields (the target: at most 1.5);
- the milliseconds of each, and the rows each filter found (they must agree)."""

import json
import os
import sys
import time

from bench.harness import print_figures, run_inner

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SIZE = int(os.environ.get("BENCH_MINORS", "100000"))


def _best(fn, rounds=ROUNDS):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _fill(towns, villages, categories, fields):
    """SIZE minors in bulk; bits of n decide the built-in and the custom values alike."""
    import datetime as dt

    from lowcode.models import CustomValue
    from protection.models import Minor

    left_behind, schooling, home = fields
    through = Minor.categories.through
    born = dt.date(2014, 1, 1)
    for first in range(0, SIZE, 5_000):
        minors = []
        for n in range(first, min(first + 5_000, SIZE)):
            place = (n // 4) % 2
            minors.append(
                Minor(
                    name=f"示例·儿童{n}",
                    sex="female" if (n // 2) % 2 == 0 else "male",
                    birth_date=born + dt.timedelta(days=n % 3650),
                    township=towns[n % 2],
                    village=villages[n % 2][place],
                )
            )
        created = Minor.objects.bulk_create(minors)
        links, rows = [], []
        for offset, minor in enumerate(created):
            n = first + offset
            links.append(through(minor_id=minor.pk, targetcategory_id=categories[(n // 4) % 2].pk))
            rows += [
                CustomValue(field=left_behind, object_id=minor.pk, flag=n % 2 == 0),
                CustomValue(
                    field=schooling,
                    object_id=minor.pk,
                    text="在校" if (n // 2) % 2 == 0 else "辍学",
                ),
                CustomValue(field=home, object_id=minor.pk, ref=villages[0][(n // 4) % 2].pk),
            ]
        through.objects.bulk_create(links)
        CustomValue.objects.bulk_create(rows, batch_size=5_000)


def inner():
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    from lowcode.models import CustomField, Kind
    from protection.models import TargetCategory, Township, Village

    call_command("migrate", verbosity=0)
    towns = [Township.objects.create(name=f"测试{i}镇", sort_order=i) for i in range(2)]
    villages = [
        [Village.objects.create(name=f"测试{t}镇{v}村", township=town) for v in range(2)]
        for t, town in enumerate(towns)
    ]
    categories = [
        TargetCategory.objects.create(number=10 + i, name=f"测试类别{i}") for i in range(2)
    ]
    fields = [
        CustomField.objects.create(
            record_type="minor", label_zh="是否留守儿童", kind=Kind.YES_NO, in_filters=True
        ),
        CustomField.objects.create(
            record_type="minor",
            label_zh="就学情况",
            kind=Kind.CHOICE,
            choices="在校\n辍学",
            in_filters=True,
        ),
        CustomField.objects.create(
            record_type="minor", label_zh="实际居住村", kind=Kind.VILLAGE, in_filters=True
        ),
    ]
    _fill(towns, villages, categories, fields)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # both databases: fresh statistics for the planner
    user = get_user_model().objects.create_superuser("bench-city")
    client = Client()
    client.force_login(user)
    built_in = {"township": towns[0].pk, "sex": "female", "categories": categories[0].pk}
    custom = {
        fields[0].form_name: "1",
        fields[1].form_name: "在校",
        fields[2].form_name: villages[0][0].pk,
    }

    def listing(params):
        def get():
            response = client.get("/admin/protection/minors/", params)
            assert response.status_code == 200, response.status_code
            return response

        return get

    def found(params):
        return listing(params)().context["paginator"].count

    setup_test_environment()  # response.context, for the row counts only
    built_in_rows, custom_rows = found(built_in), found(custom)
    teardown_test_environment()
    assert built_in_rows == custom_rows == SIZE // 8, (built_in_rows, custom_rows)
    plain, extended = _best(listing(built_in)), _best(listing(custom))
    print(
        json.dumps(
            {
                f"minor listing at {SIZE}: three custom-field filters / three built-in filters": (
                    extended / plain
                ),
                "three built-in filters, page 1 (ms)": plain * 1000,
                "three custom-field filters, page 1 (ms)": extended * 1000,
                "rows found by each filter": custom_rows,
            }
        )
    )


def main():
    return run_inner(__file__, "lowcode")


if __name__ == "__main__":
    if "--inner" in sys.argv:
        # Run as a script, bench/ comes first on the path; the project root is where modules
        # come from (see bench/protection_registry.py).
        sys.path[:] = [
            p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(__file__)
        ]
        inner()
    else:
        print_figures(main())
