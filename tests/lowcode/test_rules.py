"""Notification rules: the seed's rules tell the right liaison by e-mail (Django's outbox), a
switched-off rule is silent, a dry run sends nothing and says what would happen, every firing is
kept, and the other triggers (status change, public report, import, passed deadline) work."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lantian.models import ImportRecord
from lowcode import deadlines, seed
from lowcode.models import DashboardTask, Event, Rule, RuleFiring, Trigger
from protection import lifecycle, roles
from protection.intake import receive_public_report
from tests.protection.factories import (
    CaseFactory,
    CategoryFactory,
    DepartmentFactory,
    TagFactory,
    staff,
)


@pytest.fixture
def liaisons(world):
    """The seed's police and health departments, with a police liaison for each township and
    a city-wide health liaison."""
    police = DepartmentFactory(name=seed.POLICE)
    health = DepartmentFactory(name=seed.HEALTH)
    TagFactory(name="家暴")
    CategoryFactory(number=4, name="自身重病重残")
    seed.seed_rules()
    return {
        "police_a": staff(
            roles.DEPARTMENT_LIAISON,
            department=police,
            townships=[world.township_a],
            username="police_a",
        ),
        "police_b": staff(
            roles.DEPARTMENT_LIAISON,
            department=police,
            townships=[world.township_b],
            username="police_b",
        ),
        "health": staff(roles.DEPARTMENT_LIAISON, department=health, username="health"),
    }


def open_case(world, capture, tags=(), categories=(), **kwargs):
    with capture(execute=True):
        case = CaseFactory(minor=kwargs.pop("minor", world.minor_a), **kwargs)
        case.tags.set(tags)
        case.categories.set(categories)
        case.save()
    return case


def test_a_case_tagged_domestic_violence_tells_the_townships_police_liaison(
    world, liaisons, django_capture_on_commit_callbacks
):
    from protection.models import ClassificationTag

    case = open_case(
        world, django_capture_on_commit_callbacks, tags=[ClassificationTag.objects.get(name="家暴")]
    )
    assert [m.to for m in mail.outbox] == [[liaisons["police_a"].email]]
    message = mail.outbox[0]
    assert case.reference in message.subject
    assert world.minor_a.name not in message.subject + message.body  # no child's name by mail
    firing = RuleFiring.objects.get(event__object_id=case.pk)
    assert firing.recipients == ["police_a"] and not firing.dry_run
    assert ModelLogEntry.objects.for_instance(case).filter(action="lowcode.rule_fired").exists()


def test_a_case_without_the_tag_tells_nobody(world, liaisons, django_capture_on_commit_callbacks):
    open_case(world, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Event.objects.filter(trigger=Trigger.CREATED, record_type="case").count() == 1


def test_a_seriously_ill_child_tells_the_health_liaison(
    world, liaisons, django_capture_on_commit_callbacks
):
    from protection.models import TargetCategory

    open_case(
        world, django_capture_on_commit_callbacks, categories=[TargetCategory.objects.get(number=4)]
    )
    assert [m.to for m in mail.outbox] == [[liaisons["health"].email]]


def test_a_switched_off_rule_is_silent(world, liaisons, django_capture_on_commit_callbacks):
    from protection.models import ClassificationTag

    Rule.objects.update(enabled=False)
    open_case(
        world, django_capture_on_commit_callbacks, tags=[ClassificationTag.objects.get(name="家暴")]
    )
    assert mail.outbox == [] and not RuleFiring.objects.exists()


def test_a_dry_run_sends_nothing_and_shows_who_would_be_told(
    admin_client, world, liaisons, django_capture_on_commit_callbacks
):
    from protection.models import ClassificationTag

    rule = Rule.objects.get(name__startswith="家暴")
    rule.enabled = False
    rule.save()
    case = open_case(
        world, django_capture_on_commit_callbacks, tags=[ClassificationTag.objects.get(name="家暴")]
    )
    open_case(world, django_capture_on_commit_callbacks, minor=world.minor_b)
    response = admin_client.get(reverse("lowcode_dry_run"), {"rule": rule.pk, "days": 30})
    html = response.content.decode()
    assert case.reference in html and "police_a" in html
    assert mail.outbox == []
    firing = RuleFiring.objects.get(rule=rule)
    assert firing.dry_run and firing.event.object_id == case.pk


def test_a_status_change_puts_a_task_on_the_dashboard(
    client, world, django_capture_on_commit_callbacks
):
    worker = world.users["township"]
    Rule.objects.create(name="结案提醒", trigger=Trigger.STATUS, status="closed", task_user=worker)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.apply(world.case_a, "close", world.users["city"], "监护恢复")
    task = DashboardTask.objects.get()
    assert world.case_a.reference in task.text
    client.force_login(worker)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "结案提醒" in home
    client.post(reverse("lowcode_task_done", args=[task.pk]))
    task.refresh_from_db()
    assert task.done_by == worker


def test_a_public_report_puts_a_task_for_the_city_office(world, django_capture_on_commit_callbacks):
    seed.seed_rules()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = receive_public_report(
            township=world.township_a, what_happened="邻居家孩子常被打", reporter_kind="neighbour"
        )
    task = DashboardTask.objects.get()
    assert task.group.name == roles.CITY_OFFICE and receipt in task.text
    assert "邻居家孩子常被打" not in task.text


def test_an_import_finished_fires_once(world, django_capture_on_commit_callbacks):
    from django.contrib.contenttypes.models import ContentType

    from protection.models import Minor

    office = world.users["city"]
    Rule.objects.create(
        name="导入完成通知", trigger=Trigger.IMPORT, email_group=office.groups.get(), audit=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        record = ImportRecord.objects.create(
            content_type=ContentType.objects.get_for_model(Minor),
            user=office,
            resource="protection.resources.MinorResource",
            file_name="村名单.xlsx",
            status=ImportRecord.Status.DONE,
        )
        record.save()
    assert len(mail.outbox) == 1 and office.email in mail.outbox[0].to


def test_a_passed_visit_deadline_tells_the_assigned_worker_once(
    world, django_capture_on_commit_callbacks
):
    from monitoring.models import CaseMonitoring

    seed.seed_rules()
    worker = world.users["township"]
    world.case_a.assigned_worker = worker
    world.case_a.save()
    CaseMonitoring.objects.filter(case=world.case_a).update(
        next_due_on=datetime.date(2026, 1, 1), is_open=True
    )
    if not CaseMonitoring.objects.filter(case=world.case_a).exists():
        CaseMonitoring.objects.create(
            case=world.case_a,
            township=world.township_a,
            village=world.village_a,
            next_due_on=datetime.date(2026, 1, 1),
            reported_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        )
    assert deadlines.scan(today=datetime.date(2026, 2, 1)) >= 1
    assert [m.to for m in mail.outbox] == [[worker.email]]
    assert deadlines.scan(today=datetime.date(2026, 2, 1)) == 0
    assert len(mail.outbox) == 1


def test_a_report_of_violence_opened_as_a_case_tells_the_townships_police_liaison(
    client, world, liaisons, django_capture_on_commit_callbacks
):
    """The station tags 家暴 while opening the case from a neighbour's report: the police
    liaison of that township hears of it at once, the other township's does not."""
    from protection.models import ClassificationTag, TargetCategory

    from ..protection.factories import IntakeFactory, id_number_for

    report = IntakeFactory(township=world.township_a, village=world.village_a)
    born = datetime.date(2017, 2, 3)
    client.force_login(world.users["township"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("protection_intake_open_case", args=[report.pk]),
            {
                "id_number": id_number_for(born, "male", 43),
                "name": "测试·被打的孩子",
                "sex": "male",
                "birth_date": born.isoformat(),
                "village": world.village_a.pk,
                "categories": [TargetCategory.objects.get(number=4).pk],
                "tags": [ClassificationTag.objects.get(name="家暴").pk],
                "risk_level": "high",
                "response_level": "township",
                "summary": "邻居报告孩子常被殴打",
            },
        )
    assert response.status_code == 302
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert liaisons["police_a"].email in recipients
    assert liaisons["police_b"].email not in recipients


def test_the_firing_log_reads_plainly_and_cannot_be_written_by_hand(
    client, world, liaisons, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from protection.models import ClassificationTag

    open_case(
        world, django_capture_on_commit_callbacks, tags=[ClassificationTag.objects.get(name="家暴")]
    )
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    html = client.get("/admin/lowcode/firings/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    table = html[html.index('<table class="listing') :]
    assert "规则" in table and "事件" in table  # headings in Chinese
    assert "police_a" in table and "['police_a']" not in table
    assert "/admin/lowcode/firings/add/" not in html
    assert client.get("/admin/lowcode/firings/add/").status_code in (302, 403)
    firing = RuleFiring.objects.get()
    assert client.get(f"/admin/lowcode/firings/edit/{firing.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/lowcode/firings/inspect/{firing.pk}/").status_code == 200
