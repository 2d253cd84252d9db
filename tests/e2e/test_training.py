"""The training story of the issue's "done when", end to end in Chromium: a trainer schedules a
monthly series, a citizen registers on a phone, the trainer checks people in, and the figures
show it."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from protection.models import Department
from training.models import Registration, Topic, Trainer, TrainingSession, Venue

from .conftest import admin_login, screenshot


def test_series_sign_up_check_in_and_figures(live_site, desktop, phone):
    get_user_model().objects.create_superuser("trainer", password="pw-for-tests")
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    day = timezone.localdate() + dt.timedelta(days=3)
    topic = Topic.objects.get(name="家庭教育")
    trainer = Trainer.objects.get(name="示例·孙老师")
    venue = Venue.objects.get(name="楚庄社区儿童之家")

    # 1. The trainer schedules a monthly series for a year in one step.
    admin_login(desktop, live_site.url, "trainer", "pw-for-tests")
    desktop.goto(f"{live_site.url}/admin/training/sessions/add/")
    desktop.fill("#id_title", "家庭教育进社区")
    desktop.check(f"input[name=topics][value='{topic.pk}']")
    desktop.select_option("#id_organiser", label="市妇联")
    desktop.check(f"input[name=trainers][value='{trainer.pk}']")
    desktop.fill("#id_start", f"{day:%Y-%m-%d} 19:00")
    desktop.fill("#id_end", f"{day:%Y-%m-%d} 20:30")
    desktop.select_option("#id_repeat", "monthly")
    desktop.fill("#id_occurrences", "12")
    desktop.select_option("#id_venue", str(venue.pk))
    desktop.fill("#id_capacity", "25")
    desktop.click("#id_title")  # leaving the date fields closes their picker
    desktop.wait_for_selector(".xdsoft_datetimepicker", state="hidden")
    desktop.locator("button[type=submit]", has_text="保存").first.click()
    desktop.wait_for_url(f"{live_site.url}/admin/training/sessions/")
    expect(desktop.get_by_text("共 12 场")).to_be_visible()
    screenshot(desktop, "training-admin-series-created")
    series = list(TrainingSession.objects.filter(title="家庭教育进社区").order_by("start"))
    assert len(series) == 12
    assert {timezone.localtime(s.start).strftime("%H:%M") for s in series} == {"19:00"}

    desktop.goto(f"{live_site.url}/admin/training/calendar/?date={day:%Y-%m-%d}")
    expect(desktop.locator(".t-event", has_text="家庭教育进社区").first).to_be_visible()
    screenshot(desktop, "training-admin-calendar-month", full_page=True)

    # 2. A citizen finds it on a phone and registers.
    phone.goto(f"{live_site.url}/training/")
    screenshot(phone, "training-phone-calendar")
    phone.locator(".t-card-link", has_text="家庭教育进社区").first.click()
    phone.wait_for_selector("form.t-form")
    phone.fill("input[name=name]", "示例·赵小红")
    phone.fill("input[name=phone]", "0371-6000 1234")
    phone.select_option("select[name=township]", label="索河街道")
    phone.fill("input[name=organisation]", "楚庄社区")
    phone.locator("form.t-form button[type=submit]").scroll_into_view_if_needed()
    screenshot(phone, "training-phone-registration-form")
    phone.locator("form.t-form button[type=submit]").click()
    phone.wait_for_selector('[data-testid="registered"]')
    assert "示例·赵小红" not in phone.content()
    screenshot(phone, "training-phone-registered")
    registration = Registration.objects.get(name="示例·赵小红")
    assert registration.session == series[0]

    # 3. On the day the trainer checks her in.
    desktop.goto(f"{live_site.url}/admin/training/sessions/checkin/{series[0].pk}/")
    desktop.get_by_role("button", name="签到 示例·赵小红").click()
    desktop.wait_for_selector("tr.t-came")
    assert "已签到 1 人" in desktop.locator('[data-testid="checkin-counts"]').inner_text()
    desktop.goto(f"{live_site.url}/admin/training/sessions/checkin/{series[0].pk}/")
    screenshot(desktop, "training-admin-checkin")

    # 4. After the session (the clock moved on) the trainer marks it held; the figures count it.
    now = timezone.now()
    TrainingSession.objects.filter(pk=series[0].pk).update(
        start=now - dt.timedelta(hours=2), end=now - dt.timedelta(minutes=30)
    )
    desktop.goto(f"{live_site.url}/admin/training/sessions/edit/{series[0].pk}/")
    desktop.select_option("#id_status", "held")
    desktop.locator("button[type=submit]", has_text="保存").first.click()
    desktop.wait_for_url(f"{live_site.url}/admin/training/sessions/")
    assert TrainingSession.objects.get(pk=series[0].pk).status == "held"
    desktop.goto(f"{live_site.url}/admin/training/figures/")
    row = desktop.locator('[data-testid="by-topic"] tbody tr', has_text="家庭教育")
    cells = row.locator("td").all_inner_texts()
    assert cells[-2:] == ["1", "1"], cells
    screenshot(desktop, "training-admin-figures", full_page=True)
    assert Department.objects.filter(name="市妇联").exists()
    assert errors == []
