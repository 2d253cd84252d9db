"""Who reaches relief records: a guessed URL of another township's application, document or
payment answers 404; documents live outside the public media root and go only to staff who may
see the case; the dashboard shows each person what waits for them, never their own application."""

from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from support import relief
from support.models import ReliefDocument
from support.models.common import city_today

from .conftest import application


def _document(item):
    doc = ReliefDocument(application=item, title="测试·诊断证明")
    doc.file.save("diagnosis.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return doc


def test_an_application_outside_the_scope_answers_404_everywhere(client, world):
    mine = application(world)
    theirs = application(world, case=world.case_b)
    client.force_login(world.township)
    html = client.get(reverse("support_relief:list")).content.decode()
    assert world.case_a.reference in html and world.case_b.reference not in html
    assert client.get(reverse("support_relief:inspect", args=[mine.pk])).status_code == 200
    for url in [
        reverse("support_relief:inspect", args=[theirs.pk]),
        reverse("support_relief:edit", args=[theirs.pk]),
        reverse("support_relief:history", args=[theirs.pk]),
        reverse("support_relief_step", args=[theirs.pk, "review"]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("support_relief_step", args=[theirs.pk, "review"]), {"decision": "recommend"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.reviewer is None


def test_a_payment_outside_the_scope_answers_404(client, world):
    item = application(world, case=world.case_b)
    relief.review(item, world.city, recommend=True)
    relief.decide(item, world.city2, approve=True, amount=Decimal("100.00"))
    payment = relief.pay(item, world.city, city_today(), Decimal("100.00"))
    client.force_login(world.township)
    assert client.get(reverse("support_payments:inspect", args=[payment.pk])).status_code == 404
    client.force_login(world.city)
    assert client.get(reverse("support_payments:inspect", args=[payment.pk])).status_code == 200


def test_documents_are_stored_outside_the_public_media_root(world):
    doc = _document(application(world))
    path = doc.file.path
    assert path.startswith(str(settings.PROTECTED_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_a_document_is_served_only_within_the_scope_and_logged(client, world):
    item = application(world)
    doc = _document(item)
    url = reverse("support_relief_document", args=[doc.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(world.township2)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert (
        ModelLogEntry.objects.for_instance(item)
        .filter(action="support.relief.document_opened", user=world.township2)
        .exists()
    )
    other = _document(application(world, case=world.case_b))
    assert client.get(reverse("support_relief_document", args=[other.pk])).status_code == 404


def test_the_dashboard_shows_what_waits_for_me_but_never_my_own(client, world):
    own = application(world, applicant=world.city, amount="111.00")
    colleague = application(world, applicant=world.township, amount="222.00")
    client.force_login(world.city)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    review_url = reverse("support_relief:inspect", args=[colleague.pk])
    assert review_url in html
    assert reverse("support_relief:inspect", args=[own.pk]) not in html
    assert "本年度基金余额" in html and "10000.00" in html


def test_the_fund_balance_panel_is_the_city_offices(client, world):
    client.force_login(world.township)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "待我审核的申请" in html
    assert "本年度基金余额" not in html


def test_each_role_takes_only_its_own_steps(client, world):
    """Township staff review; only the city office approves and pays; nobody deletes money."""
    item = application(world, applicant=world.village)
    step = lambda name: reverse("support_relief_step", args=[item.pk, name])  # noqa: E731

    def refused(url):  # Wagtail answers "no permission" with a message on the admin home
        response = client.get(url)
        return response.status_code == 302 and response.url == reverse("wagtailadmin_home")

    client.force_login(world.village)
    assert refused(step("review"))
    client.force_login(world.township)
    assert client.get(step("review")).status_code == 200
    assert refused(step("decide")) and refused(step("pay"))
    client.force_login(world.city)
    assert client.get(step("decide")).status_code == 200
    assert client.get(step("pay")).status_code == 200
    assert refused(reverse("support_relief:delete", args=[item.pk]))
    assert item.__class__.objects.filter(pk=item.pk).exists()
