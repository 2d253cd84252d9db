"""Registry spreadsheet import, reading and information comparison (issue 5).

Each figure is a ratio against a reference measured in the same run on the same data:

- our import of N minors (read, validate, compare with the registry, write in one transaction,
  search index and history in bulk), from xlsx and from csv, in rows per second (the fastest of
  ``BENCH_REPEAT`` runs, 3 by default, as for the raw bulk_create), against
  django-import-export's default ``import_data`` of the same file into the same model (a sample of
  ``BENCH_IE_ROWS`` rows: at its speed the whole file would take many minutes) and against a raw
  ``bulk_create`` of the same, already parsed rows;
- the import's own INSERT of the records (``lantian.imports.bulk``) against that bulk_create,
  to show what of the import's speed comes from writing the records faster;
- python-calamine against openpyxl (read-only mode) reading the same xlsx;
- comparison of 50k incoming children against 100k registered ones, against 25k against 50k
  (2.0 means linear growth);
- peak Python memory of the 50k-row import (tracemalloc), in MB, as an absolute figure;
- the registry read for comparing a village's sheet of ``BENCH_SHEET_ROWS`` children with a
  registry of ``BENCH_REGISTRY_ROWS`` (only the candidates sharing a key with the sheet, as the
  import preview and the review queue read it), against reading the whole registry.

Runs on a fresh SQLite database in a temporary directory (or DATABASE_URL's server).
`.venv/bin/python scripts/bench.py bench.imports`; BENCH_IMPORT_ROWS=10000,50000 by default."""

import csv
import datetime
import io
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = [int(n) for n in os.environ.get("BENCH_IMPORT_ROWS", "10000,50000").split(",")]
IE_ROWS = int(os.environ.get("BENCH_IE_ROWS", "1000"))
REGISTRY_ROWS = int(os.environ.get("BENCH_REGISTRY_ROWS", "100000"))
SHEET_ROWS = int(os.environ.get("BENCH_SHEET_ROWS", "50"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))  # runs of our import and of bulk_create
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "小明红华伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英浩宇轩子涵欣怡梓萱佳琪雨泽"


def setup_django():
    var = tempfile.mkdtemp(prefix="lantian-bench-imports-")
    os.environ["LANTIAN_VAR_DIR"] = var
    os.environ["DJANGO_SETTINGS_MODULE"] = "lantian.settings.test"
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.urls import get_resolver

    import protection.matching  # a running server has pypinyin's tables loaded

    protection.matching.name_sound("预热")
    get_resolver().url_patterns  # noqa: B018 - and its admin (viewsets, reference index) loaded
    from lantian.heap import freeze_loaded_site

    freeze_loaded_site()  # as the WSGI entry point and the task worker do
    return var


def places():
    from protection.models import Township, Village

    villages = []
    for t in range(15):
        township = Township.objects.create(name=f"基准{t}镇", sort_order=t)
        for v in range(8):
            villages.append(Village.objects.create(township=township, name=f"基准{t}镇{v}村"))
    return villages


def people(n, villages, seed=5):
    from protection.identity import make_id_number

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        born = datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randrange(0, 6000))
        sex = rng.choice(["male", "female"])
        sequence = (i % 500) * 2 + (1 if sex == "male" else 0)
        village = rng.choice(villages)
        rows.append(
            {
                "name": rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice([1, 2]))),
                "sex": sex,
                "birth_date": born,
                "id_number": make_id_number(
                    f"41{i // 500 % 100:02d}{i // 50000:02d}", born, sequence
                ),
                "township": village.township,
                "village": village,
            }
        )
    return rows


HEADER = ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会"]


def as_cells(row):
    return [
        row["name"],
        "男" if row["sex"] == "male" else "女",
        row["birth_date"].isoformat(),
        row["id_number"],
        row["township"].name,
        row["village"].name,
    ]


def write_csv(rows):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    writer.writerows(as_cells(r) for r in rows)
    return text.getvalue().encode("utf-8-sig")


def write_xlsx(rows):
    from lantian.imports.spreadsheets import xlsx_bytes

    return xlsx_bytes(HEADER, [as_cells(r) for r in rows])


def clear():
    from wagtail.models import ModelLogEntry, ReferenceIndex

    from lantian.models import ImportRecord
    from protection.models import Minor

    ReferenceIndex.objects.filter(base_content_type__model="minor").delete()
    Minor.objects.all().delete()
    ModelLogEntry.objects.filter(content_type__model="minor").delete()
    ImportRecord.objects.all().delete()


def our_import(content, filename, user):
    """The whole path a user triggers: check (with comparison), then apply."""
    from django.contrib.contenttypes.models import ContentType

    from lantian.imports import service
    from lantian.models import ImportRecord
    from protection.models import Minor

    record = ImportRecord(
        content_type=ContentType.objects.get_for_model(Minor),
        user=user,
        resource="protection.resources.MinorResource",
        file_name=filename,
    )
    record.file_content = content
    record.save()
    service.check(record)
    assert record.status == "checked" and not record.errors, record.errors[:3]
    service.apply(record)
    assert record.status == "done", record.message
    return record.counts["new"]


def default_import(content, user):
    """django-import-export's default import_data of the same csv into the same model."""
    import tablib
    from import_export import fields, resources, widgets

    from protection.models import Minor, Township, Village

    class DefaultMinorResource(resources.ModelResource):
        name = fields.Field("name", "姓名")
        sex = fields.Field("sex", "性别")
        birth_date = fields.Field("birth_date", "出生日期", widget=widgets.DateWidget("%Y-%m-%d"))
        id_number = fields.Field("id_number", "身份证号")
        township = fields.Field(
            "township", "乡镇(街道)", widget=widgets.ForeignKeyWidget(Township, "name")
        )
        village = fields.Field(
            "village", "村(居)委会", widget=widgets.ForeignKeyWidget(Village, "name")
        )

        class Meta:
            model = Minor
            fields = ("name", "sex", "birth_date", "id_number", "township", "village")
            import_id_fields = ("id_number",)

        def before_import_row(self, row, **kwargs):
            row["性别"] = "male" if row["性别"] == "男" else "female"

    dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
    result = DefaultMinorResource().import_data(dataset, dry_run=False, raise_errors=True)
    return result.totals["new"]


def raw_bulk_create(rows):
    from lantian.crypto import keyed_hash
    from protection.models import Minor

    objects = [Minor(**row, id_number_hash=keyed_hash(row["id_number"])) for row in rows]
    Minor.objects.bulk_create(objects, batch_size=1000)
    return len(objects)


def our_insert(rows):
    """The write of the records alone, as the import does it (``lantian.imports.bulk``): the
    same instances built through the positional constructor, one INSERT … RETURNING a batch."""
    from lantian.crypto import keyed_hash
    from lantian.imports import bulk
    from protection.models import Minor

    objects = bulk.new_objects(
        Minor, [{**row, "id_number_hash": keyed_hash(row["id_number"])} for row in rows]
    )
    return len(bulk.insert_objects(Minor, objects))


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


def best_rate(function, *args):
    """Rows per second of the fastest of ``REPEAT`` runs, each on an empty registry: the
    machine is shared, and the fastest run is the one least disturbed (as ``timeit`` takes)."""
    rates = []
    for _ in range(REPEAT):
        clear()
        count, seconds = timed(function, *args)
        rates.append(count / seconds)
    clear()
    return max(rates)


def read_speed(content):
    from openpyxl import load_workbook

    from lantian.imports.reading import read_rows

    _rows, calamine = timed(read_rows, content, "a.xlsx")

    def openpyxl_read():
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        return list(book.worksheets[0].iter_rows(values_only=True))

    _rows2, openpyxl = timed(openpyxl_read)
    return openpyxl / calamine


def comparison_time(incoming, registered, villages):
    from protection.matching import Index, Person, compare

    rng = random.Random(7)

    def person(i, seed_rows):
        row = seed_rows[i % len(seed_rows)]
        # Half the incoming are registered children with small differences, half are new.
        name = row["name"] if i % 2 else rng.choice(SURNAMES) + rng.choice(GIVEN)
        return Person(
            name=name,
            birth_date=row["birth_date"],
            sex=row["sex"],
            township_id=row["township"].pk,
            village_id=row["village"].pk,
            ref=i,
        )

    base = people(registered, villages, seed=11)
    start = time.perf_counter()
    index = Index(person(i, base) for i in range(registered))
    results = compare([person(i, base) for i in range(incoming)], index)
    elapsed = time.perf_counter() - start
    assert len(results) == incoming
    return elapsed


def registry_read(villages):
    """Seconds to read the registry for comparing one village's sheet: (whole, candidates)."""
    from django.db import transaction

    from protection.matching import Index, Person, registry_candidates, registry_people

    with transaction.atomic():
        raw_bulk_create(people(REGISTRY_ROWS, villages, seed=13))
    village = villages[0]
    sheet = [
        Person(
            name=row["name"],
            birth_date=row["birth_date"],
            sex=row["sex"],
            township_id=village.township_id,
            village_id=village.pk,
            ref=i,
        )
        for i, row in enumerate(people(SHEET_ROWS, villages, seed=17))
    ]
    _index, whole = timed(lambda: Index(registry_people()))
    _index, candidates = timed(lambda: Index(registry_candidates(sheet)))
    clear()
    return whole, candidates


def main():
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    user = get_user_model().objects.create_superuser("bench", password=None)
    villages = places()
    # The machine is shared: the load around the run says how far its absolute rates hold.
    figures = {"load average (1 min) at the start": os.getloadavg()[0]}
    for n in SIZES:
        rows = people(n, villages)
        csv_content, xlsx_content = write_csv(rows), write_xlsx(rows)
        label = f"{n // 1000}k"

        def raw(rows=rows):
            with transaction.atomic():
                return raw_bulk_create(rows)

        ours_csv = best_rate(our_import, csv_content, "a.csv", user)
        ours_xlsx = best_rate(our_import, xlsx_content, "a.xlsx", user)
        bulk = best_rate(raw)

        def insert(rows=rows):
            with transaction.atomic():
                return our_insert(rows)

        figures[f"{label}: our insert of the records alone / raw bulk_create"] = (
            best_rate(insert) / bulk
        )
        sample = write_csv(rows[:IE_ROWS])
        count, seconds = timed(default_import, sample, user)
        default = count / seconds
        clear()
        figures[f"{label} csv: ours rows/s"] = ours_csv
        figures[f"{label} xlsx: ours rows/s"] = ours_xlsx
        figures[f"{label}: import-export default rows/s"] = default
        figures[f"{label}: raw bulk_create rows/s"] = bulk
        figures[f"{label} csv: ours / import-export default"] = ours_csv / default
        figures[f"{label} xlsx: ours / import-export default"] = ours_xlsx / default
        figures[f"{label} csv: ours / raw bulk_create"] = ours_csv / bulk
        figures[f"{label} xlsx: ours / raw bulk_create"] = ours_xlsx / bulk
        figures[f"{label} xlsx reading: calamine speed / openpyxl speed"] = read_speed(xlsx_content)
        if n == max(SIZES):
            tracemalloc.start()
            our_import(xlsx_content, "a.xlsx", user)
            figures[f"{label} xlsx import: peak Python memory MB"] = (
                tracemalloc.get_traced_memory()[1] / 2**20
            )
            tracemalloc.stop()
            clear()
    small = comparison_time(25_000, 50_000, villages)
    large = comparison_time(50_000, 100_000, villages)
    figures["comparison 50k vs 100k: seconds"] = large
    figures["comparison 25k vs 50k: seconds"] = small
    figures["comparison growth for twice the data (2.0 = linear)"] = large / small
    whole, candidates = registry_read(villages)
    label = f"registry read for a {SHEET_ROWS}-row village sheet against {REGISTRY_ROWS // 1000}k"
    figures[f"{label}: whole registry seconds"] = whole
    figures[f"{label}: candidates only seconds"] = candidates
    figures[f"{label}: whole / candidates"] = whole / candidates
    figures["load average (1 min) at the end"] = os.getloadavg()[0]
    return figures


if __name__ == "__main__":
    for name, value in main().items():
        print(f"{name}: {value:.3f}")
