"""The annual assessment: indicators measured from the records, office-added indicators, the
ranked table and its export, and criticism that needs a reason."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from programme import workflow
from programme.models import Assessment
from programme.quarters import CITY_TZ

from .factories import (
    IndicatorFactory,
    QuarterFactory,
    ReportFactory,
    TaskFactory,
    UnitFactory,
    office_user,
)

pytestmark = pytest.mark.django_db


def _filed(unit, number, on_time):
    rq = QuarterFactory(year=2026, number=number, deadline=dt.date(2026, 3 * number, 20))
    submitted = dt.datetime(2026, 3 * number, 20 if on_time else 25, 12, 0, tzinfo=CITY_TZ)
    return ReportFactory(reporting_quarter=rq, unit=unit, status="accepted", submitted_at=submitted)


def test_scores_are_measured_ranked_and_exported(client):
    punctual = IndicatorFactory(name="季度报告按时报送", measure="report_punctuality", max_score=20)
    tasks = IndicatorFactory(name="联席会议任务办结", measure="task_completion", max_score=10)
    publicity = IndicatorFactory(name="宣传与社会参与", measure="", max_score=10)
    good, poor = UnitFactory(name="市公安局"), UnitFactory(name="高山镇")
    for n in (1, 2, 3, 4):
        _filed(good, n, on_time=True)
        _filed(poor, n, on_time=n <= 2)  # half on time
    done = TaskFactory(unit=good, due_date=dt.date(2026, 6, 30))
    done.status, done.done_at = "done", dt.datetime(2026, 6, 30, 23, 0, tzinfo=CITY_TZ)
    done.save()
    TaskFactory(unit=poor, due_date=dt.date(2026, 6, 30))  # never done

    workflow.open_assessment_year(2026, office_user("o1"))
    a_good = Assessment.objects.get(year=2026, unit=good)
    a_poor = Assessment.objects.get(year=2026, unit=poor)
    assert a_good.scores.get(indicator=punctual).score == Decimal(20)
    assert a_poor.scores.get(indicator=punctual).measured == Decimal("0.5")
    assert a_poor.scores.get(indicator=punctual).score == Decimal(10)
    assert a_good.scores.get(indicator=tasks).score == Decimal(10)
    assert a_poor.scores.get(indicator=tasks).score == Decimal(0)
    assert a_good.scores.get(indicator=publicity).score is None  # the office scores it
    assert (a_good.total, a_poor.total) == (Decimal(30), Decimal(10))

    client.force_login(office_user())
    page = client.get(reverse("programme_assessment:table", args=[2026])).content.decode()
    assert page.index("市公安局") < page.index("高山镇")
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("programme_assessment:export", args=[2026])).content)
    ).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("名次", "单位")
    assert rows[1][:2] == (1, "市公安局") and rows[2][:2] == (2, "高山镇")


def test_office_score_is_kept_when_measuring_again():
    indicator = IndicatorFactory(measure="report_punctuality")
    unit = UnitFactory()
    _filed(unit, 1, on_time=False)
    workflow.open_assessment_year(2026, None)
    score = Assessment.objects.get(unit=unit).scores.get()
    assert score.score == 0
    score.score = Decimal(15)
    score.save()
    workflow.open_assessment_year(2026, None)
    score.refresh_from_db()
    assert score.score == Decimal(15)
    assert indicator.max_score == 20


def test_criticism_without_a_reason_is_refused():
    assessment = Assessment(year=2026, unit=UnitFactory(), verdict="criticised", reason="")
    with pytest.raises(ValidationError) as error:
        assessment.full_clean()
    assert "请填写表彰或通报批评的理由" in str(error.value)


def test_a_score_above_the_indicators_points_is_refused():
    from programme.models import AssessmentScore

    indicator = IndicatorFactory(max_score=10)
    assessment = Assessment.objects.create(year=timezone.localdate().year, unit=UnitFactory())
    score = AssessmentScore(assessment=assessment, indicator=indicator, score=Decimal(12))
    with pytest.raises(ValidationError) as error:
        score.full_clean()
    assert "此指标最多10.0分" in str(error.value) or "此指标最多10分" in str(error.value)


def test_a_quarter_not_yet_due_and_not_filed_does_not_count_against_punctuality():
    from programme.figures import report_punctuality

    unit = UnitFactory()
    _filed(unit, 1, on_time=True)
    ReportFactory(
        reporting_quarter=QuarterFactory(year=2026, number=2, deadline=dt.date(2026, 7, 10)),
        unit=unit,
    )
    before_deadline = dt.datetime(2026, 7, 10, 23, 0, tzinfo=CITY_TZ)
    after_deadline = dt.datetime(2026, 7, 11, 0, 0, tzinfo=CITY_TZ)
    assert report_punctuality(unit, 2026, now=before_deadline) == Decimal(1)
    assert report_punctuality(unit, 2026, now=after_deadline) == Decimal("0.5")
