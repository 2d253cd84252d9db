"""Recording a visit in the admin: a date in the future or before the case was opened gets a
Chinese error and saves nothing; an attachment uploaded with the form lands in the protected
store; opening a visit is on record."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset

from monitoring.models import HomeVisit

from .conftest import visit
from .test_access import visit_form


def post(client, world, **overrides):
    client.force_login(world.users["township"])
    return client.post(
        reverse("monitoring_visits:add"),
        visit_form(world.case_a, **overrides),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


def test_a_visit_in_the_future_is_refused_in_chinese(client, world):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = post(client, world, visited_on=tomorrow.isoformat())
    assert response.status_code == 200
    assert "走访日期不能晚于今天" in response.content.decode()
    assert not HomeVisit.objects.exists()


def test_a_visit_before_the_case_was_opened_is_refused_in_chinese(client, world):
    world.case_a.opened_on = datetime.date.today() - datetime.timedelta(days=3)
    world.case_a.save()
    before = datetime.date.today() - datetime.timedelta(days=4)
    response = post(client, world, visited_on=before.isoformat())
    assert response.status_code == 200
    assert "早于个案建档日期" in response.content.decode()
    assert not HomeVisit.objects.exists()


def test_an_attachment_uploaded_with_the_visit_is_kept_out_of_public_media(client, world, settings):
    document = SimpleUploadedFile("走访记录.pdf", b"%PDF-1.4 signed", "application/pdf")
    response = post(
        client,
        world,
        attachments=inline_formset([{"file": document, "title": "走访记录表"}]),
    )
    assert response.status_code == 302
    stored = HomeVisit.objects.get().attachments.get()
    assert stored.file.path.startswith(str(settings.PROTECTED_MEDIA_ROOT))
    page = client.get(reverse("monitoring_visits:inspect", args=[stored.visit_id]))
    assert reverse("monitoring_attachment", args=[stored.pk]) in page.content.decode()
    stored.file.delete(save=False)


def test_a_program_file_is_not_accepted_as_an_attachment(client, world):
    program = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    response = post(client, world, attachments=inline_formset([{"file": program, "title": ""}]))
    assert response.status_code == 200
    assert not HomeVisit.objects.exists()


def test_opening_a_visit_is_on_record(client, world):
    item = visit(world.case_a, datetime.date.today())
    client.force_login(world.users["township"])
    client.get(reverse("monitoring_visits:inspect", args=[item.pk]))
    entry = ModelLogEntry.objects.for_instance(item).get(action="protection.opened")
    assert entry.user == world.users["township"]


def test_adding_from_a_case_starts_with_that_case_and_the_user(client, world):
    client.force_login(world.users["township"])
    page = client.get(reverse("monitoring_visits:add") + f"?case={world.case_a.pk}")
    assert page.context["form"].initial["case"] == world.case_a.pk
    assert page.context["form"].initial["visitor"] == world.users["township"].pk
    outside = client.get(reverse("monitoring_visits:add") + f"?case={world.case_b.pk}")
    assert "case" not in outside.context["form"].initial
