"""Template filters of the registries: masked identifiers and status labels."""

from django import template

from lantian.crypto import mask

from ..states import case_status_choices

register = template.Library()


@register.filter
def masked(value):
    return mask(value) or "-"


@register.filter
def masked_phone(value):
    return mask(value, head=3, tail=4) or "-"


@register.filter
def status_label(value):
    return dict(case_status_choices()).get(value, value)
