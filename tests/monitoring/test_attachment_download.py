"""A visit's attachment is served by protection's one file helper: another township's user gets
404, a file lost from the store gets 404 (not an error page), and the download is named in RFC
5987 form, never cached or sniffed."""

import datetime
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.urls import reverse

from monitoring.models import VisitAttachment
from protection import roles
from tests.protection.factories import staff

from .conftest import visit


def _attachment(case):
    return VisitAttachment.objects.create(
        visit=visit(case, datetime.date.today()),
        file=ContentFile(b"%PDF-1.4 test", name="走访记录.pdf"),
    )


def test_the_township_downloads_its_visit_attachment_with_safe_headers(client, world):
    item = _attachment(world.case_a)
    client.force_login(world.users["township"])
    response = client.get(reverse("monitoring_attachment", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    name = item.file.name.rsplit("/", 1)[-1]
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith(f"filename*=UTF-8''{quote(name, safe='')}")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    item.file.delete(save=False)


def test_another_townships_user_gets_404(client, world):
    item = _attachment(world.case_a)
    client.force_login(staff(roles.TOWNSHIP_STAFF, townships=[world.township_b]))
    assert client.get(reverse("monitoring_attachment", args=[item.pk])).status_code == 404
    item.file.delete(save=False)


def test_an_attachment_missing_on_disk_answers_404_not_500(client, world):
    item = _attachment(world.case_a)
    item.file.storage.delete(item.file.name)
    client.force_login(world.users["township"])
    assert client.get(reverse("monitoring_attachment", args=[item.pk])).status_code == 404
