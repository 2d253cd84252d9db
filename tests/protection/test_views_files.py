"""A minor's photo reaches the browser only through protected_file_response: within the scope,
never cached or sniffed, named in RFC 5987 form, and a photo lost from the store answers 404
instead of an error page."""

import io
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from protection import roles
from protection.models import MinorPhoto
from protection.models.registry import protected_file_response

from .factories import staff


def _png(name="照片.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_photo_is_shown_inline_with_safe_headers(client, world):
    photo = MinorPhoto.objects.create(minor=world.minor_a, image=_png("入档照片.png"))
    client.force_login(world.users["township"])
    response = client.get(reverse("protection_photo", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    name = photo.image.name.rsplit("/", 1)[-1]
    assert name.startswith("入档照片")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('inline; filename="') and disposition.isascii()
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.endswith(".png")
    assert disposition.endswith(f"; filename*=UTF-8''{quote(name, safe='')}")
    photo.image.delete(save=False)


def test_another_townships_user_gets_404_for_a_photo(client, world):
    photo = MinorPhoto.objects.create(minor=world.minor_a, image=_png())
    client.force_login(staff(roles.TOWNSHIP_STAFF, townships=[world.township_b]))
    response = client.get(reverse("protection_photo", args=[photo.pk]))
    assert response.status_code == 404
    assert world.minor_a.name not in response.content.decode()
    photo.image.delete(save=False)


def test_a_photo_missing_on_disk_answers_404_not_500(client, world):
    photo = MinorPhoto.objects.create(minor=world.minor_a, image=_png())
    photo.image.storage.delete(photo.image.name)  # lost from the store, still on record
    client.force_login(world.users["township"])
    response = client.get(reverse("protection_photo", args=[photo.pk]))
    assert response.status_code == 404
    assert photo.image.name not in response.content.decode()  # no path on the error page


def test_a_document_that_is_not_a_picture_is_always_a_download(world, settings):
    """Even asked to show it inline, an HTML or SVG file is never rendered on the admin's origin."""
    photo = MinorPhoto(minor=world.minor_a)
    photo.image.save("page.svg", ContentFile(b"<svg onload='alert(1)'/>"), save=False)
    response = protected_file_response(photo.image, world.users["township"], inline=True)
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["X-Content-Type-Options"] == "nosniff"
    response.close()
    photo.image.delete(save=False)


def test_a_chinese_name_survives_with_an_ascii_fallback(world):
    photo = MinorPhoto(minor=world.minor_a)
    photo.image.save('走访 记录"表.pdf', ContentFile(b"%PDF-1.4"), save=False)
    name = photo.image.name.rsplit("/", 1)[-1]
    response = protected_file_response(photo.image, world.users["township"])
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.isascii() and fallback.endswith(".pdf") and '"' not in fallback
    assert disposition.endswith(f"filename*=UTF-8''{quote(name, safe='')}")
    response.close()
    photo.image.delete(save=False)
