"""What the admin's session form posts."""

from django.urls import reverse


def session_post(*, topic, organiser, venue=None, township=None, trainers=(), **fields):
    data = {
        "title": "防拐报警知识进村培训",
        "summary": "",
        "topics": [topic.pk],
        "target_groups": [],
        "organiser": organiser.pk,
        "trainers": [t.pk for t in trainers],
        "start": "2027-03-10 09:30",
        "end": "2027-03-10 11:30",
        "venue": venue.pk if venue else "",
        "township": township.pk if township else "",
        "village": "",
        "place": "",
        "capacity": 20,
        "is_public": "on",
        "registration_opens": "",
        "registration_closes": "",
        "status": "planned",
        "materials": [],
        "notes": "",
        "repeat": "",
        "occurrences": "",
    }
    data.update(fields)
    return data


ADD_URL = "training_sessions:add"


def add_url():
    return reverse(ADD_URL)


def edit_url(session):
    return reverse("training_sessions:edit", args=[session.pk])
