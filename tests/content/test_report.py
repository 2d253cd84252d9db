"""The public report form: a report reaches the intake queue, the reporter sees a receipt and
nothing else; floods, robots and oversized posts are refused; nothing is logged."""

import logging
import re

from bs4 import BeautifulSoup

from protection.models import IntakeReport, Township, Village

URL = "/report/"


def report(**overrides):
    township = Township.objects.get(name="城关乡")
    return {
        "township": township.pk,
        "village": Village.objects.filter(township=township).first().pk,
        "what_happened": "示例：一个孩子连续几天独自在集市乞讨。",
        "location": "示例集市",
        "child_age": "约8岁",
        "reporter_kind": "neighbour",
        **overrides,
    }


def test_a_report_creates_an_intake_record_and_shows_only_the_receipt(client, public_site):
    response = client.post(URL, report())
    html = response.content.decode()
    record = IntakeReport.objects.get()
    assert record.receipt in html
    assert record.township.name == "城关乡"
    assert record.what_happened.startswith("示例：一个孩子")
    assert "集市乞讨" not in html and "示例集市" not in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_anonymous_reports_are_allowed(client, public_site):
    client.post(URL, report(reporter_name="", reporter_phone=""))
    assert IntakeReport.objects.get().reporter_name == ""


def test_a_village_of_another_township_is_a_clear_error(client, public_site):
    other = Village.objects.exclude(township__name="城关乡").first()
    response = client.post(URL, report(village=other.pk), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "不属于" in response.content.decode()
    assert "示例：一个孩子" in response.content.decode()  # the text typed is kept
    assert not IntakeReport.objects.exists()


def test_a_missing_description_is_refused_in_chinese(client, public_site):
    response = client.post(URL, report(what_happened=""), HTTP_ACCEPT_LANGUAGE="zh-hans")
    error = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        "#id_what_happened_error"
    )
    assert re.search(r"[\u4e00-\u9fff]", error.get_text())
    assert not IntakeReport.objects.exists()


def test_the_honeypot_saves_nothing(client, public_site):
    response = client.post(URL, report(website="x"))
    assert response.status_code == 200
    assert not IntakeReport.objects.exists()


def test_an_oversized_post_is_refused_before_it_is_read(client, public_site):
    response = client.post(URL, report(what_happened="很" * 20000))
    assert response.status_code == 413
    assert not IntakeReport.objects.exists()


def test_a_flood_from_one_client_is_cut_off_but_others_still_get_through(client, public_site):
    statuses = [client.post(URL, report()).status_code for _ in range(7)]
    assert statuses.count(200) == 5 and statuses[-1] == 429
    other = client.post(URL, report(), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200
    assert IntakeReport.objects.count() == 6


def test_nothing_of_the_report_is_logged(client, public_site, caplog):
    with caplog.at_level(logging.DEBUG):
        client.post(
            URL, report(what_happened="示例：独特的日志测试文字", reporter_phone="0371-1234567")
        )
    assert "独特的日志测试文字" not in caplog.text
    assert "1234567" not in caplog.text
