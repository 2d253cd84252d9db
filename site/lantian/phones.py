"""Telephone numbers as editors type them and as phones dial them."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^[0-9０-９+＋\-()（） ]{3,30}$",
    _("Enter a telephone number: digits, spaces, hyphens and brackets only."),
)

_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋", "0123456789+")


def tel_href(number):
    """The number as a tel: URI, digits and a leading + only, whatever the editor typed."""
    normalised = (number or "").translate(_FULL_WIDTH)
    return "tel:" + "".join(ch for ch in normalised if ch.isdigit() or ch == "+")
