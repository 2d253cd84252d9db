"""An intervention document is served by protection's one file helper: another township's user
gets 404, a file lost from the store gets 404 with nothing written to the audit log, and a
served download is logged on the intervention as before."""

import datetime
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from casework import interventions
from casework.models import Intervention, InterventionDocument

from .factories import InterventionFactory

DOWNLOADED = "casework.intervention.downloaded"


def _document(world, user):
    intervention = InterventionFactory(case=world.case_a)
    interventions.record_step(
        intervention,
        user,
        stage=Intervention.Stage.GUIDANCE,
        date=datetime.date.today(),
        responsible_unit=world.police,
        action="测试·谈话",
        document=SimpleUploadedFile("劝诫书.pdf", b"%PDF-1.4 test"),
        document_title="劝诫书",
    )
    return intervention, InterventionDocument.objects.get(step__intervention=intervention)


def _downloads(intervention):
    return ModelLogEntry.objects.for_instance(intervention).filter(action=DOWNLOADED)


def test_the_township_downloads_the_document_and_it_is_logged(client, world):
    intervention, document = _document(world, world.users["township"])
    client.force_login(world.users["township"])
    response = client.get(reverse("casework_document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    name = document.file.name.rsplit("/", 1)[-1]
    assert response["Content-Disposition"].endswith(f"filename*=UTF-8''{quote(name, safe='')}")
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _downloads(intervention).filter(user=world.users["township"]).count() == 1
    document.file.delete(save=False)


def test_another_townships_user_gets_404_and_nothing_is_logged(client, world):
    intervention, document = _document(world, world.users["township"])
    client.force_login(world.users["township_b"])
    assert client.get(reverse("casework_document", args=[document.pk])).status_code == 404
    assert not _downloads(intervention).exists()
    document.file.delete(save=False)


def test_a_document_missing_on_disk_answers_404_not_500(client, world):
    intervention, document = _document(world, world.users["township"])
    document.file.storage.delete(document.file.name)
    client.force_login(world.users["township"])
    assert client.get(reverse("casework_document", args=[document.pk])).status_code == 404
    assert not _downloads(intervention).exists()  # nothing was handed out
