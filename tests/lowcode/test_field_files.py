"""A file attached through a custom field: uploaded on the record's form, kept in the protected
storage, linked from the inspect page and the form, downloaded only by those who may open the
record (404 outside their scope, the login page for a visitor), named in exports and passed
over by imports."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from python_calamine import CalamineWorkbook

from lantian.models import ImportRecord
from lowcode import values
from lowcode.models import CustomField, CustomValue, Kind
from tests.imports.conftest import upload, xlsx  # noqa: F401

from .test_columns import HEADER, IMPORT, MINORS, first_sheet, row
from .test_fields import ZH, minor_form

REPORT = b"%PDF-1.4 assessment of the child"


@pytest.fixture
def assessment(db):
    return CustomField.objects.create(record_type="minor", label_zh="评估报告", kind=Kind.FILE)


def attach(minor, field, name="评估报告.pdf"):
    values.write(minor, {field: SimpleUploadedFile(name, REPORT)})
    return CustomValue.objects.get(field=field, object_id=minor.pk)


def test_a_file_uploaded_on_the_form_is_kept_out_of_public_media(client, world, assessment):
    client.force_login(world.users["township"])
    data = minor_form(world, **{assessment.form_name: SimpleUploadedFile("报告.pdf", REPORT)})
    response = client.post(reverse("protection_minors:add"), data, **ZH)
    assert response.status_code == 302
    stored = CustomValue.objects.get(field=assessment)
    path = stored.file.path
    assert path.startswith(str(settings.PROTECTED_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT) + "/")
    with pytest.raises(ValueError):
        stored.file.url  # noqa: B018  (protected files have no public address)


def test_inspect_and_form_link_to_the_download(client, world, assessment):
    stored = attach(world.minor_a, assessment)
    url = reverse("lowcode_custom_file", args=[stored.pk])
    client.force_login(world.users["township"])
    inspect = client.get(reverse("protection_minors:inspect", args=[world.minor_a.pk]), **ZH)
    assert f'href="{url}"' in inspect.content.decode()
    assert "评估报告.pdf" in inspect.content.decode()
    form = client.get(reverse("protection_minors:edit", args=[world.minor_a.pk]), **ZH)
    assert f'href="{url}"' in form.content.decode()


def test_saving_the_form_again_keeps_the_file(client, world, assessment):
    stored = attach(world.minor_a, assessment)
    client.force_login(world.users["township"])
    minor = world.minor_a
    data = minor_form(
        world,
        name=minor.name,
        id_number=minor.id_number,
        birth_date=minor.birth_date.isoformat(),
        sex=minor.sex,
    )
    response = client.post(reverse("protection_minors:edit", args=[minor.pk]), data, **ZH)
    assert response.status_code == 302
    assert CustomValue.objects.get(field=assessment).pk == stored.pk


def test_download_within_scope(client, world, assessment):
    stored = attach(world.minor_a, assessment)
    url = reverse("lowcode_custom_file", args=[stored.pk])
    client.force_login(world.users["township"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == REPORT
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_outside_the_scope_is_404_and_a_visitor_is_sent_to_log_in(client, world, assessment):
    stored = attach(world.minor_b, assessment)  # in township B
    url = reverse("lowcode_custom_file", args=[stored.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(world.users["township"])  # township A
    assert client.get(url).status_code == 404
    client.force_login(world.users["liaison"])  # no referral of this child to the department
    assert client.get(url).status_code == 404
    client.force_login(world.users["city"])
    assert client.get(url).status_code == 200


def test_a_guardians_file_follows_the_minors_scope(client, world):
    from tests.protection.factories import GuardianFactory

    field = CustomField.objects.create(record_type="guardian", label_zh="务工证明", kind=Kind.FILE)
    stored_a = attach(GuardianFactory(minor=world.minor_a), field, "证明.pdf")
    stored_b = attach(GuardianFactory(minor=world.minor_b), field, "证明.pdf")
    client.force_login(world.users["township"])
    assert client.get(reverse("lowcode_custom_file", args=[stored_a.pk])).status_code == 200
    assert client.get(reverse("lowcode_custom_file", args=[stored_b.pk])).status_code == 404


def test_a_value_of_another_kind_is_not_served(admin_client, world):
    text = CustomField.objects.create(record_type="minor", label_zh="特长", kind=Kind.TEXT)
    values.write(world.minor_a, {text: "书法"})
    stored = CustomValue.objects.get(field=text)
    assert admin_client.get(reverse("lowcode_custom_file", args=[stored.pk])).status_code == 404


def test_export_names_the_file_and_the_template_says_it_is_not_imported(
    admin_client, world, assessment
):
    attach(world.minor_a, assessment)
    exported = first_sheet(admin_client.get(MINORS + "?export=xlsx").content)
    column = exported[0].index("评估报告")
    assert next(r for r in exported if world.minor_a.name in r)[column] == "评估报告.pdf"
    template = admin_client.get(IMPORT + "template/").content
    notes = CalamineWorkbook.from_filelike(io.BytesIO(template)).get_sheet_by_index(1)
    note = {r[0]: r[1] for r in notes.to_python()}["评估报告"]
    with translation.override("zh-hans"):
        assert gettext("a file: not imported; attach it on the record's form") in note


def test_an_import_passes_over_the_file_column(admin_client, upload, world, assessment):  # noqa: F811
    stored = attach(world.minor_a, assessment)
    content = xlsx([[*HEADER, "评估报告"], row(world, "示例·王明", 11, "别的文件.pdf")])
    upload(IMPORT, "档案.xlsx", content)
    record = ImportRecord.objects.latest("pk")
    assert record.errors == []
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    assert CustomValue.objects.filter(field=assessment).get().pk == stored.pk
