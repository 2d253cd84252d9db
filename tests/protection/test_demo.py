"""The demo registry: fictional, valid, spread over the townships, and loading it twice changes
nothing."""

import io

from django.core.management import call_command

from protection import demo
from protection.identity import validate_id_number
from protection.models import Case, CaseNote, Family, Guardian, IntakeReport, Minor


def counts():
    return [m.objects.count() for m in (Minor, Guardian, Family, Case, CaseNote, IntakeReport)]


def test_demo_is_fictional_valid_and_idempotent(db, settings):
    demo.load(io.StringIO())
    first = counts()
    demo.load(io.StringIO())
    assert counts() == first
    assert first[0] >= 15 and first[3] >= 15
    assert Minor.objects.values("township").distinct().count() == 15
    for minor in Minor.objects.all():
        assert minor.name.startswith("示例·")
        assert minor.id_number.startswith("410199")  # an area code no county has
        validate_id_number(minor.id_number)
        minor.full_clean()  # birth date and sex agree with the number


def test_demo_users_one_per_role_each_sees_their_scope(db, settings):
    settings.DEBUG = True
    demo.load(io.StringIO())
    out = io.StringIO()
    call_command("demo_users", stdout=out)
    call_command("demo_users", stdout=io.StringIO())  # twice: still one user per role
    from django.contrib.auth import get_user_model

    from protection.scope import visible

    users = get_user_model().objects.filter(username__startswith="demo-")
    assert users.count() == 5
    village_user = users.get(username="demo-village")
    mine = visible(Case.objects.all(), village_user)
    assert mine.count() >= 1
    assert {c.minor.village.name for c in mine} == {"楚庄社区"}
    assert "demo-village" in out.getvalue()
