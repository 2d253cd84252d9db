from django import template

from lantian.phones import tel_href as _tel_href

register = template.Library()


@register.filter
def tel_href(number):
    return _tel_href(number)
