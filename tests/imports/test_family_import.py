"""Family archives: the same machinery, a key of three columns, multi-line cells."""

import pytest

from lantian.models import ImportRecord
from protection.models import Family

from .conftest import xlsx
from .factories import TownshipFactory, VillageFactory

FAMILIES = "/admin/protection/families/"
HEADER = ["家庭", "乡镇(街道)", "村(居)委会", "问题家庭", "贫困家庭", "低保状况", "家庭成员"]


@pytest.fixture
def place(db):
    return VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")


def test_families_import_and_export_back_unchanged(admin_client, upload, place):
    content = xlsx(
        [
            HEADER,
            ["示例·张家", "乔楼", "槐西", "是", "否", "低保", "父 张三 40\n子 张小明 10"],
            ["示例·李家", "乔楼镇", "槐西村", "否", "是", "特困", ""],
        ]
    )
    upload(FAMILIES + "import/", "家庭.xlsx", content)
    record = ImportRecord.objects.latest("pk")
    assert record.errors == [] and record.counts["new"] == 2
    admin_client.post(f"{FAMILIES}import/{record.pk}/confirm/")
    zhang = Family.objects.get(name="示例·张家")
    assert (zhang.is_problem_family, zhang.low_income_status, zhang.members) == (
        True,
        "dibao",
        "父 张三 40\n子 张小明 10",
    )
    before = list(Family.objects.order_by("pk").values())
    exported = admin_client.get(FAMILIES + "?export=xlsx").content
    upload(FAMILIES + "import/", "导出.xlsx", exported)
    again = ImportRecord.objects.latest("pk")
    assert again.counts["unchanged"] == 2 and again.counts["new"] == 0
    assert list(Family.objects.order_by("pk").values()) == before
