"""Importing the village archive sheet of minors (困境未成年人信息档案): ID numbers checked against
birth date and sex, the same child twice in one file, a wrong township, the user's jurisdiction,
and possible duplicates found by information comparison."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.translation import gettext

from lantian.models import ImportRecord
from protection.identity import make_id_number
from protection.models import Minor, StaffScope

from .conftest import csv_file, xlsx
from .factories import MinorFactory, TownshipFactory, VillageFactory

MINORS = "/admin/protection/minors/"
IMPORT = MINORS + "import/"
HEADER = ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会"]
BORN = datetime.date(2015, 10, 14)


def boy(sequence=11):
    return make_id_number("410182", BORN, sequence)  # odd sequence: male


@pytest.fixture
def place(db):
    qiaolou = TownshipFactory(name="乔楼镇")
    return VillageFactory(township=qiaolou, name="槐西村")


def record():
    return ImportRecord.objects.latest("pk")


def test_a_messy_sheet_is_read_and_saved(admin_client, upload, place):
    content = xlsx(
        [
            HEADER,
            # full-width digits, spaces, the township without 镇, the village without 村
            [
                "王小明 ",
                "男",
                "２０１５年１０月１４日",
                boy().lower()[:-1] + boy()[-1],
                "乔楼",
                "槐西",
            ],
            ["李小红", "女", 42291, "", "乔楼镇", "槐西村"],
            ["", "", "", "", "", ""],
        ],
        title_rows=["荥阳市困境未成年人信息档案（乔楼镇）"],
    )
    upload(IMPORT, "档案.xlsx", content)
    rec = record()
    assert rec.errors == []
    assert rec.counts["new"] == 2
    admin_client.post(f"{IMPORT}{rec.pk}/confirm/")
    wang = Minor.objects.get(name="王小明")
    assert (wang.birth_date, wang.sex, wang.village, wang.id_number) == (
        BORN,
        "male",
        place,
        boy(),
    )
    # The keyed hash is what search and duplicate detection use: it must be set by the import.
    assert Minor.objects.filter(id_number_hash=wang.id_number_hash).count() == 1
    assert wang.id_number_hash


def test_wrong_checksums_mismatches_and_the_same_child_twice_are_refused(
    admin_client, upload, place
):
    wrong_check = boy()[:-1] + ("0" if boy()[-1] != "0" else "1")
    content = csv_file(
        [
            HEADER,
            ["甲", "男", "2015-10-14", wrong_check, "乔楼镇", "槐西村"],
            ["乙", "女", "2015-10-14", boy(), "乔楼镇", "槐西村"],
            ["丙", "男", "2015-10-15", boy(13), "乔楼镇", "槐西村"],
            ["丁", "男", "2015-10-14", boy(), "乔楼镇", "槐西村"],
            ["戊", "男", "2015-10-14", "", "高村乡", "槐西村"],
        ],
        "gbk",
    )
    page = upload(IMPORT, "部门名单.csv", content).content.decode()
    rec = record()
    reasons = [(e["row"], e["column"], e["reason"]) for e in rec.errors]
    # The ID rules and their messages are protection.identity's: the import shows them as they are.
    with translation.override("zh-hans"):
        checksum = gettext("This ID number's check digit is wrong: please check each digit again.")
        sex = gettext("The sex does not match the ID number.")
        birth = gettext("The birth date does not match the birth date inside the ID number.")
    assert reasons == [
        (2, "身份证号", checksum),
        (3, "性别", sex),
        (4, "出生日期", birth),
        (5, "身份证号", "与本文件第3行重复"),
        (6, "乡镇(街道)", "没有这个乡镇(街道)"),
        (6, "村(居)委会", "本乡镇没有这个村(居)委会"),
    ]
    assert "与本文件第3行重复" in page
    admin_client.post(f"{IMPORT}{rec.pk}/confirm/")
    assert not Minor.objects.exists()


def read_xlsx(content):
    import io

    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def test_a_cell_longer_than_its_field_or_holding_a_nul_is_refused(admin_client, upload, place):
    content = csv_file(
        [
            HEADER,
            ["长" * 51, "男", "2015-10-14", "", "乔楼镇", "槐西村"],
            ["甲\x00乙", "女", "2015-10-14", "", "乔楼镇", "槐西村"],
            ["长" * 50, "女", "2099-10-14", "", "乔楼镇", "槐西村"],
        ]
    )
    upload(IMPORT, "名单.csv", content)
    reasons = [(e["row"], e["column"], e["reason"]) for e in record().errors]
    assert reasons == [
        (2, "姓名", "确保该变量包含不超过 50 字符 (目前字符数 51)。"),
        (3, "姓名", "该单元格含有无法保存的不可见空字符（NUL），请重新输入。"),
        (4, "出生日期", "该日期晚于今天。"),
    ]
    # The preview and the error report show where the invisible character is.
    assert record().preview[1]["cells"][0] == "甲␀乙"
    report = admin_client.get(f"{IMPORT}{record().pk}/errors/")
    assert "甲␀乙" in {row[0] for row in read_xlsx(report.content)}
    admin_client.post(f"{IMPORT}{record().pk}/confirm/")
    assert not Minor.objects.exists()


def test_a_known_id_number_updates_that_child(admin_client, upload, place):
    minor = MinorFactory(name="王小明", birth_date=BORN, sex="male", village=place, id_number=boy())
    content = csv_file(
        [[*HEADER, "学校"], ["王小明", "男", "2015-10-14", boy(), "乔楼", "槐西", "乔楼小学"]]
    )
    upload(IMPORT, "a.csv", content)
    rec = record()
    assert (rec.counts["new"], rec.counts["updated"]) == (0, 1)
    admin_client.post(f"{IMPORT}{rec.pk}/confirm/")
    minor.refresh_from_db()
    assert minor.school == "乔楼小学"
    assert Minor.objects.count() == 1


def test_a_child_without_id_like_a_registered_one_is_flagged(admin_client, upload, place):
    MinorFactory(name="張偉", birth_date=BORN, sex="male", village=place, id_number=boy())
    content = csv_file(
        [
            HEADER,
            ["张伟", "男", "2015-10-14", "", "乔楼镇", "槐西村"],
            ["赵六", "女", "2014-01-02", "", "乔楼镇", "槐西村"],
        ]
    )
    page = upload(IMPORT, "a.csv", content).content.decode()
    rec = record()
    assert rec.counts["duplicates"] == 1
    flagged = [row for row in rec.preview if row["duplicates"]]
    assert [row["row"] for row in flagged] == [2]
    assert "張偉（2015-10-14，槐西村）" in flagged[0]["duplicates"][0]
    # 張偉 is 张伟 in traditional characters: the name agrees as a variant form, and says so
    # (protection.matching's words, translated in its own catalogue entry).
    with translation.override("zh-hans"):
        variant = gettext("full name (variant characters)")
    assert f"一致：{variant}、出生日期、性别、村(居)委会、乡镇(街道)" in page


@pytest.fixture
def township_clerk(db, django_user_model, place):
    user = django_user_model.objects.create_user("clerk", password="pw")
    group = Group.objects.create(name="station")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="protection",
            codename__in=["add_minor", "change_minor", "view_minor"],
        ),
    )
    user.groups.add(group)
    scope = StaffScope.objects.create(user=user, level="township")
    scope.townships.add(place.township)
    return user


def test_rows_outside_the_users_jurisdiction_are_refused(client, township_clerk, upload, place):
    other = VillageFactory(township=TownshipFactory(name="高村乡"), name="李村")
    client.force_login(township_clerk)
    content = csv_file(
        [
            HEADER,
            ["甲", "男", "2015-10-14", "", "乔楼镇", "槐西村"],
            ["乙", "男", "2015-10-14", "", "高村乡", "李村"],
        ]
    )
    upload(IMPORT, "a.csv", content, client=client)
    rec = record()
    assert [(e["row"], e["reason"]) for e in rec.errors] == [(3, "这一行不在您的管辖范围内。")]
    assert other.pk


def test_export_masks_id_numbers_for_users_who_may_not_see_them(client, township_clerk, place):
    MinorFactory(name="王小明", birth_date=BORN, sex="male", village=place, id_number=boy())
    client.force_login(township_clerk)
    content = client.get(MINORS + "?export=csv").content.decode("utf-8-sig")
    assert boy() not in content
    assert "410182******" in content


def test_round_trip_for_a_user_who_may_see_identifiers(admin_client, upload, place):
    MinorFactory(name="王小明", birth_date=BORN, sex="male", village=place, id_number=boy())
    MinorFactory(name="李小红", birth_date=BORN, sex="female", village=place, id_number="")
    before = list(Minor.objects.order_by("pk").values())
    exported = admin_client.get(MINORS + "?export=xlsx").content
    upload(IMPORT, "a.xlsx", exported)
    rec = record()
    # The record number says which child each row is, even the one without an ID number.
    assert rec.counts["unchanged"] == 2 and rec.counts["new"] == rec.counts["invalid"] == 0
    assert list(Minor.objects.order_by("pk").values()) == before
