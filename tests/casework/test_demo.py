"""The demo case work: referrals in every state on the demo cases, one overdue, an intervention
with an open step; fictional, visible to the demo logins it is meant for, and idempotent."""

import io

import pytest
from django.core.management import call_command

from casework import demo
from casework.models import Intervention, Referral
from protection import demo as protection_demo
from protection.models import Case, CaseNote
from protection.scope import visible


@pytest.fixture
def demo_world(db, settings):
    settings.DEBUG = True
    protection_demo.load(io.StringIO())
    call_command("demo_users", stdout=io.StringIO())
    demo.load(io.StringIO())


def test_referrals_in_every_state_and_one_intervention(demo_world):
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert Referral.objects.overdue().count() == 1
    assert all(r.reason.startswith("示例·") for r in Referral.objects.all())
    assert all(r.case.minor.name.startswith("示例·") for r in Referral.objects.all())
    intervention = Intervention.objects.get()
    assert intervention.steps.filter(outcome="").count() == 1
    # Each referral step is on the case's timeline.
    assert CaseNote.objects.filter(text__contains="ZJ-").count() >= Referral.objects.count()


def test_the_demo_liaison_sees_the_open_police_referrals_cases_only(demo_world):
    from django.contrib.auth import get_user_model

    police = get_user_model().objects.get(username="demo-police")
    referrals = visible(Referral.objects.all(), police)
    assert referrals.exists() and all(r.department.name == "市公安局" for r in referrals)
    open_cases = {r.case_id for r in referrals if r.is_sharing()}
    assert set(visible(Case.objects.all(), police).values_list("pk", flat=True)) == open_cases
    township = get_user_model().objects.get(username="demo-township")
    assert visible(Referral.objects.all(), township).count() == Referral.objects.count()


def test_loading_twice_adds_nothing(demo_world):
    counts = (Referral.objects.count(), Intervention.objects.count(), CaseNote.objects.count())
    demo.load(io.StringIO())
    assert (
        Referral.objects.count(),
        Intervention.objects.count(),
        CaseNote.objects.count(),
    ) == counts
