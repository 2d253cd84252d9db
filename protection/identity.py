"""Resident ID numbers (居民身份证号码, GB 11643-1999): 18 characters, a 6-digit area code, the
birth date YYYYMMDD, a 3-digit sequence whose last digit is odd for men and even for women, and a
check character (0-9 or X) computed with ISO 7064 MOD 11-2.

One place for the rule, used by the minor and guardian forms and the spreadsheet import. Errors are
translated (Chinese in the catalogue); they never repeat the number, so they may be logged."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lantian.crypto import normalise

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"

MALE = "male"
FEMALE = "female"


def check_character(first17):
    """The check character of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def validate_id_number(value):
    """Raise ValidationError unless value is a well-formed 18-character ID number with a valid
    birth date and check character. Spaces and a lower-case x are accepted."""
    number = normalise(value)
    well_formed = len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789X"
    if not well_formed:
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a last digit or X."),
            code="id_format",
        )
    if birth_date_of(number) is None:
        raise ValidationError(
            _("The birth date inside this ID number (characters 7 to 14) is not a real date."),
            code="id_birth_date",
        )
    if check_character(number[:17]) != number[17]:
        raise ValidationError(
            _("This ID number's check digit is wrong: please check each digit again."),
            code="id_checksum",
        )


def birth_date_of(number):
    """The birth date encoded in the number, or None when it is not a real date."""
    number = normalise(number)
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def sex_of(number):
    """MALE or FEMALE, from the parity of the 17th digit."""
    return MALE if int(normalise(number)[16]) % 2 else FEMALE


def cross_check(number, *, birth_date=None, sex=None):
    """Errors, by field name, where the given birth date or sex contradict an ID number that
    ``validate_id_number`` has accepted (every caller checks it first, and reports its errors);
    {} when they agree."""
    errors = {}
    if birth_date and birth_date != birth_date_of(number):
        errors["birth_date"] = ValidationError(
            _("The birth date does not match the birth date inside the ID number."),
            code="id_birth_date_mismatch",
        )
    if sex and sex != sex_of(number):
        errors["sex"] = ValidationError(
            _("The sex does not match the ID number."), code="id_sex_mismatch"
        )
    return errors


def make_id_number(area, birth_date, sequence):
    """A well-formed number from its parts: for demo data and tests (fictional people only)."""
    first17 = f"{area}{birth_date:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)
