"""Factories of the training records; organisation records are made here too (get-or-create by
name) so that the training tests need no other app's fixtures."""

import datetime as dt

import factory
from django.utils import timezone
from wagtail.documents.models import Document

from protection.models import Department, Township
from training.models import (
    Material,
    Registration,
    TargetGroup,
    Topic,
    Trainer,
    TrainingSession,
    Venue,
)


def beijing(year, month, day, hour=9, minute=0):
    """An aware datetime in Beijing time (the site's TIME_ZONE)."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def soon(days=7, hour=9):
    day = timezone.localdate() + dt.timedelta(days=days)
    return beijing(day.year, day.month, day.day, hour)


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ["name"]

    name = "城关乡"
    kind = Township.Kind.TOWNSHIP


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["name"]

    name = "市司法局"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["name"]

    name = "防拐报警知识"


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["name"]

    name = "监护人和家长"


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"讲师{n}")
    department = factory.SubFactory(DepartmentFactory)
    email = factory.Sequence(lambda n: f"trainer{n}@example.org")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"会议室{n}")
    township = factory.SubFactory(TownshipFactory)
    capacity = 30


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"防拐报警知识培训{n}")
    organiser = factory.SubFactory(DepartmentFactory)
    venue = factory.SubFactory(VenueFactory)
    start = factory.LazyFunction(soon)
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    capacity = 20
    status = TrainingSession.Status.CONFIRMED

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        self.topics.set(extracted if extracted is not None else [TopicFactory()])
        self.save()

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if extracted:
            self.trainers.set(extracted)
            self.save()


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"村民{n}")
    phone = factory.Sequence(lambda n: f"03711000{n:04d}")
    source = Registration.Source.PUBLIC


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = "手册"
    file = factory.django.FileField(filename="handbook.pdf", data=b"%PDF-1.4 test")


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    title = "防拐报警知识手册"
    kind = Material.Kind.DOCUMENT
    document = factory.SubFactory(DocumentFactory)
