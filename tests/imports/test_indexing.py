"""After an import the records are found at once: by the admin's search of the listing, and in
Wagtail's reference index (the usage of a village lists the minors imported into it), written in
one pass for all rows rather than one save per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ReferenceIndex

from lantian.imports import indexing
from lantian.models import ImportRecord
from protection.models import Minor

from ..protection.factories import GuardianFactory, MinorFactory
from .conftest import csv_file
from .factories import TownshipFactory, VillageFactory

MINORS = "/admin/protection/minors/"


@pytest.fixture
def village(db):
    return VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")


def test_an_imported_minor_is_found_at_once(admin_client, upload, village):
    rows = [["姓名", "性别", "出生日期", "乡镇(街道)", "村(居)委会"]] + [
        [f"示例·导入{n}", "女", "2014-05-0" + str(n + 1), "乔楼镇", "槐西村"] for n in range(3)
    ]
    upload(MINORS + "import/", "名单.csv", csv_file(rows))
    admin_client.post(f"{MINORS}import/{ImportRecord.objects.get().pk}/confirm/")

    page = admin_client.get(MINORS, {"q": "导入1"}).content.decode()
    assert "示例·导入1" in page and "示例·导入2" not in page

    minor = Minor.objects.get(name="示例·导入1")
    references = ReferenceIndex.get_references_for_object(minor)
    assert {(r.model_path, r.to_object_id) for r in references} >= {
        ("village", str(village.pk)),
        ("township", str(village.township_id)),
    }
    usage = ReferenceIndex.get_references_to(village)
    assert {r.object_id for r in usage} >= {str(m.pk) for m in Minor.objects.all()}


def test_the_reference_index_is_written_with_a_constant_number_of_queries(admin_client, village):
    admin_client.get(MINORS)  # the admin's URLs (and its reference-index registrations) load

    def minors(count):
        made = [
            MinorFactory(village=village, birth_date=datetime.date(2015, 1, 1))
            for _ in range(count)
        ]
        for minor in made:
            GuardianFactory(minor=minor)
        ReferenceIndex.objects.all().delete()
        return list(Minor.objects.filter(pk__in=[m.pk for m in made]))

    few, many = minors(2), minors(20)
    indexing.update_reference_index(Minor, few)  # content types cached, as in a running site
    ReferenceIndex.objects.all().delete()
    with CaptureQueriesContext(connection) as small:
        indexing.update_reference_index(Minor, few)
    with CaptureQueriesContext(connection) as large:
        indexing.update_reference_index(Minor, many)
    assert len(large) == len(small)
    assert ReferenceIndex.objects.filter(object_id__in=[str(m.pk) for m in many]).count() >= 40


def test_the_bulk_rows_are_those_wagtail_writes_for_each_record(admin_client, village):
    admin_client.get(MINORS)
    minor = MinorFactory(village=village)
    GuardianFactory(minor=minor)
    GuardianFactory(minor=minor)

    def rows():
        return sorted(
            ReferenceIndex.objects.filter(object_id=str(minor.pk)).values_list(
                "to_content_type", "to_object_id", "model_path", "content_path", "content_type"
            )
        )

    ReferenceIndex.objects.all().delete()
    ReferenceIndex.create_or_update_for_object(Minor.objects.get(pk=minor.pk))
    wagtails = rows()
    ReferenceIndex.objects.all().delete()
    indexing.update_reference_index(Minor, [Minor.objects.get(pk=minor.pk)])
    assert rows() == wagtails and len(wagtails) >= 2


def test_a_created_records_rows_are_those_wagtail_writes(admin_client, village):
    """The rows copied by the database for records an import created (INSERT … SELECT of their
    own foreign keys) are the rows Wagtail writes for each."""
    admin_client.get(MINORS)
    minors = [MinorFactory(village=village) for _ in range(3)]
    GuardianFactory(minor=minors[0])
    pks = [str(m.pk) for m in minors]

    def rows():
        return sorted(
            ReferenceIndex.objects.filter(object_id__in=pks).values_list(
                "object_id",
                "to_content_type",
                "to_object_id",
                "model_path",
                "content_path",
                "content_path_hash",
                "content_type",
                "base_content_type",
            )
        )

    ReferenceIndex.objects.all().delete()
    for minor in Minor.objects.filter(pk__in=pks):
        ReferenceIndex.create_or_update_for_object(minor)
    wagtails = rows()
    ReferenceIndex.objects.all().delete()
    indexing.update_reference_index(Minor, list(Minor.objects.filter(pk__in=pks)), created=True)
    assert rows() == wagtails
    assert {("village", str(village.pk)), ("township", str(village.township_id))} <= {
        (r[3], r[2]) for r in wagtails
    }
