"""A referral changes only through its steps: not even a superuser gets a general edit form
(which would change the department, the sharing or the dates with no entry on the referral's
timeline), nor a copy (a referral never sent)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry

from casework.models import Referral


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")


def test_a_superuser_opening_the_edit_form_is_sent_to_the_referral_page(
    client, world, referral, superuser
):
    client.force_login(superuser)
    response = client.get(reverse("casework_referrals:edit", args=[referral.pk]), follow=True)
    inspect = reverse("casework_referrals:inspect", args=[referral.pk])
    assert response.redirect_chain == [(inspect, 302)]
    html = response.content.decode()
    assert "转介只能通过各办理步骤变更，每一步都记入转介时间线。" in html
    assert reverse("casework_referrals:edit", args=[referral.pk]) not in html  # no Edit button


def test_a_posted_edit_changes_nothing_and_logs_nothing(client, world, referral, superuser):
    client.force_login(superuser)
    before = ModelLogEntry.objects.for_instance(referral).count()
    response = client.post(
        reverse("casework_referrals:edit", args=[referral.pk]),
        {
            "case": world.case_a.pk,
            "department": world.education.pk,  # another unit than the one asked
            "requested_service": "改派",
            "reason": "改",
            "legal_basis": "改",
            "due_date": "2099-01-01",
            "access_until": "2099-12-31",
            "shared_fields": [Referral.Shared.ID_NUMBER],
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.department == world.police
    assert referral.access_until < datetime.date(2099, 1, 1)
    assert Referral.Shared.ID_NUMBER not in referral.shared_fields
    assert ModelLogEntry.objects.for_instance(referral).count() == before


def test_a_referral_cannot_be_copied(world, referral):
    with pytest.raises(NoReverseMatch):
        reverse("casework_referrals:copy", args=[referral.pk])
