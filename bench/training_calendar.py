"""Training: what the public calendar, the iCal feed, the admin calendar, the scheduling rules and
a public sign-up cost, each against a reference measured in the same run on the same data.

Runs in a child process with its own SQLite database: the seed's organisation, the training demo,
and 1,000 more public sessions spread over the coming three years (about a city's worth of
village training). References:
- the public calendar and the iCal feed against Wagtail rendering the home page (the site's
  anonymous page cache switched off for the reference, as the calendar never uses it);
- the admin month calendar against Wagtail's own snippet listing of the sessions;
- the conflict check of one session (venue and three trainers) against fetching one session by
  primary key;
- a sign-up (row lock, duplicate and seat checks, insert) against inserting the bare row."""

import json
import os
import sys
import time

from bench.harness import print_figures, run_inner

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
SESSIONS = 1000


def _best(fn, rounds=ROUNDS):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _many_sessions():
    import datetime as dt

    from django.utils import timezone

    from training.models import Topic, Trainer, TrainingSession, Venue

    venues = list(Venue.objects.all())
    trainers = list(Trainer.objects.all())
    topic = Topic.objects.first()
    organiser = TrainingSession.objects.first().organiser
    first = timezone.now() + dt.timedelta(days=1)
    rows = [
        TrainingSession(
            title=f"进村培训 {n}",
            organiser=organiser,
            venue=venues[n % len(venues)],
            township_id=venues[n % len(venues)].township_id,
            start=first + dt.timedelta(hours=n * 26),
            end=first + dt.timedelta(hours=n * 26 + 2),
            capacity=20,
            status="confirmed",
        )
        for n in range(SESSIONS)
    ]
    created = TrainingSession.objects.bulk_create(rows)
    TrainingSession.topics.through.objects.bulk_create(
        TrainingSession.topics.through(trainingsession_id=s.pk, topic_id=topic.pk) for s in created
    )
    TrainingSession.trainers.through.objects.bulk_create(
        TrainingSession.trainers.through(
            trainingsession_id=s.pk, trainer_id=trainers[i % len(trainers)].pk
        )
        for i, s in enumerate(created)
    )
    return created, trainers


def get_factory(client, url):
    def run():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert "X-Page-Cache" not in response, url

    return run


def inner():
    import io

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_initial_data", stdout=io.StringIO())
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.utils import timezone

    from training import rules
    from training.models import Registration, TrainingCalendarPage, TrainingSession
    from training.registration import register

    created, trainers = _many_sessions()
    page = TrainingCalendarPage.objects.get()
    uncached = [m for m in settings.MIDDLEWARE if "PageCache" not in m]
    with override_settings(MIDDLEWARE=uncached):
        client = Client()
        home = _best(get_factory(client, "/"))

    client = Client()
    get = get_factory
    calendar = _best(get(client, page.url))
    feed = _best(get(client, page.suburl("calendar_ics")))

    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("bench"))
    month = f"{timezone.localdate() + timezone.timedelta(days=200):%Y-%m-%d}"
    listing = _best(get(staff, "/admin/training/sessions/"))
    admin_calendar = _best(get(staff, f"/admin/training/calendar/?date={month}"))

    probe = created[SESSIONS // 2]

    def conflicts():
        rules.session_errors(
            start=probe.start,
            end=probe.end,
            capacity=10,
            venue=probe.venue,
            trainers=trainers[:3],
        )

    def fetch():
        TrainingSession.objects.get(pk=probe.pk)

    check = _best(conflicts)
    fetch_one = _best(fetch)

    counter = [0]

    def sign_up():
        counter[0] += 1
        register(created[counter[0]].pk, name="村民", phone="0371", source="public")

    def bare():
        counter[0] += 1
        Registration.objects.create(session=created[counter[0]], name="村民", phone="0371")

    signing = _best(sign_up)
    inserting = _best(bare)
    print(
        json.dumps(
            {
                "public calendar page (ms)": calendar * 1000,
                "Wagtail home page, uncached (ms)": home * 1000,
                "public calendar / home page": calendar / home,
                f"iCal feed of {SESSIONS}+ sessions / home page": feed / home,
                "admin month calendar / Wagtail snippet listing": admin_calendar / listing,
                "conflict check (venue, 3 trainers) / fetch one session": check / fetch_one,
                "public sign-up / bare insert": signing / inserting,
            }
        )
    )


def main():
    return run_inner(__file__, "training")


if __name__ == "__main__":
    if "--inner" in sys.argv:
        inner()
    else:
        print_figures(main())
