"""Factories of case work: referrals and interventions, built per test."""

import datetime

import factory
from django.utils import timezone

from casework.models import Intervention, Referral
from tests.protection.factories import CaseFactory, DepartmentFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    department = factory.SubFactory(DepartmentFactory)
    reason = "测试·需要公安机关介入"
    requested_service = "训诫监护人"
    legal_basis = "未成年人保护法"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    access_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    shared_fields = factory.LazyFunction(lambda: list(Referral.DEFAULT_SHARED))


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    case = factory.SubFactory(CaseFactory)
    concern = "测试·监护人长期酗酒"
