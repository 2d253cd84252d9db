"""A relief document is served by protection's one file helper: another township's user gets
404, a file lost from the store gets 404 with nothing in the audit log, and the download is
named in RFC 5987 form, never cached or sniffed."""

from urllib.parse import quote

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from protection import roles
from support.models import ReliefDocument
from tests.protection.factories import staff

from .conftest import application

OPENED = "support.relief.document_opened"


def _document(world):
    doc = ReliefDocument(application=application(world), title="测试·诊断证明")
    doc.file.save("诊断证明.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return doc


def _openings(doc):
    return ModelLogEntry.objects.for_instance(doc.application).filter(action=OPENED)


def test_the_township_downloads_the_document_with_safe_headers(client, world):
    doc = _document(world)
    client.force_login(world.township)
    response = client.get(reverse("support_relief_document", args=[doc.pk]))
    assert response.status_code == 200
    name = doc.file.name.rsplit("/", 1)[-1]
    assert name.startswith("诊断证明")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.isascii()
    assert disposition.endswith(f"filename*=UTF-8''{quote(name, safe='')}")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert _openings(doc).get().data == {"document": doc.pk}
    response.close()
    doc.file.delete(save=False)


def test_another_townships_user_gets_404(client, world):
    doc = _document(world)
    client.force_login(staff(roles.TOWNSHIP_STAFF, townships=[world.township_b]))
    assert client.get(reverse("support_relief_document", args=[doc.pk])).status_code == 404
    assert not _openings(doc).exists()
    doc.file.delete(save=False)


def test_a_document_missing_on_disk_answers_404_not_500(client, world):
    doc = _document(world)
    doc.file.storage.delete(doc.file.name)
    client.force_login(world.township)
    assert client.get(reverse("support_relief_document", args=[doc.pk])).status_code == 404
    assert not _openings(doc).exists()
