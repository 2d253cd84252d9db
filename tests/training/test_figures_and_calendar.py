"""The admin calendar (month and week, filtered) and the figures per topic, township and
quarter that the quarterly report needs."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from .factories import (
    DepartmentFactory,
    RegistrationFactory,
    SessionFactory,
    TopicFactory,
    TownshipFactory,
    TrainerFactory,
    VenueFactory,
    beijing,
)

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def test_month_and_week_views_show_sessions_on_their_beijing_day(admin_client):
    # 00:30 on 3 March in Beijing is still 2 March in UTC: it belongs on the 3rd.
    SessionFactory(title="清晨培训", start=beijing(2027, 3, 3, 0, 30), end=beijing(2027, 3, 3, 2))
    url = reverse("training_calendar:index")
    month = BeautifulSoup(admin_client.get(url + "?date=2027-03-01", **ZH).content, "html.parser")
    cells = [td for td in month.select("td") if "清晨培训" in td.get_text()]
    assert len(cells) == 1 and cells[0].select_one(".t-daynum").get_text(strip=True) == "3"
    week = admin_client.get(url + "?mode=week&date=2027-03-04", **ZH).content.decode()
    assert "清晨培训" in week
    other_week = admin_client.get(url + "?mode=week&date=2027-03-20", **ZH).content.decode()
    assert "清晨培训" not in other_week


def test_the_calendar_filters_by_unit_trainer_and_township(admin_client):
    trainer = TrainerFactory(name="周医生")
    health = DepartmentFactory(name="市卫计委")
    SessionFactory(
        title="急救培训",
        organiser=health,
        trainers=[trainer],
        venue=VenueFactory(township=TownshipFactory(name="广武镇")),
        start=beijing(2027, 3, 9),
        end=beijing(2027, 3, 9, 11),
    )
    SessionFactory(title="法律讲座", start=beijing(2027, 3, 10), end=beijing(2027, 3, 10, 11))
    url = reverse("training_calendar:index") + "?date=2027-03-01"
    guangwu = TownshipFactory(name="广武镇")

    def shown(query):
        page = admin_client.get(url + query).content.decode()
        return {title for title in ("急救培训", "法律讲座") if title in page}

    assert shown("") == {"急救培训", "法律讲座"}
    assert shown(f"&unit={health.pk}") == {"急救培训"}
    assert shown(f"&trainer={trainer.pk}") == {"急救培训"}
    assert shown(f"&township={guangwu.pk}") == {"急救培训"}


def test_figures_count_sessions_held_and_people_checked_in(admin_client):
    topic = TopicFactory(name="自我保护")
    township = TownshipFactory(name="广武镇")
    venue = VenueFactory(township=township)
    held = SessionFactory(
        topics=[topic],
        venue=venue,
        status="held",
        start=beijing(2026, 4, 8, 9),
        end=beijing(2026, 4, 8, 11),
    )
    for n in range(3):
        registration = RegistrationFactory(session=held)
        if n < 2:
            registration.checked_in_at = held.start
            registration.save()
    # Planned sessions and people who did not come are not counted.
    SessionFactory(
        topics=[topic],
        venue=venue,
        status="planned",
        start=beijing(2026, 5, 8, 9),
        end=beijing(2026, 5, 8, 11),
    )
    response = admin_client.get(reverse("training_figures:index") + "?year=2026", **ZH)
    page = BeautifulSoup(response.content, "html.parser")
    row = next(
        r for r in page.select('[data-testid="by-topic"] tbody tr') if "自我保护" in r.get_text()
    )
    cells = [td.get_text(strip=True) for td in row.select("td")]
    # Q1 sessions, people, Q2 sessions, people, … year sessions, people
    assert cells == ["0", "0", "1", "2", "0", "0", "0", "0", "1", "2"]
    row = next(
        r for r in page.select('[data-testid="by-township"] tbody tr') if "广武镇" in r.get_text()
    )
    assert [td.get_text(strip=True) for td in row.select("td")][-2:] == ["1", "2"]
