"""What the support records share: the city's calendar day, money, and the scope through a case."""

import datetime
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

# The city's day (a payment stops on the 18th birthday as the city counts it); the names stay
# here because the migrations refer to them.
from lantian.clock import city_today, not_in_future  # noqa: F401

# Money is Decimal, two places, never float.
MONEY = {"max_digits": 12, "decimal_places": 2}
POSITIVE = MinValueValidator(Decimal("0.01"), message=_("The amount must be more than zero."))


def eighteenth_birthday(birth_date):
    """The day the minor turns 18. Born on 29 February: 1 March in a common year."""
    try:
        return birth_date.replace(year=birth_date.year + 18)
    except ValueError:
        return datetime.date(birth_date.year + 18, 3, 1)


def through_case(prefix=""):
    """scope_paths of a record that belongs to a case: the case's minor's township and village,
    and the departments working on the case."""
    return {
        "township": f"{prefix}case__minor__township",
        "village": f"{prefix}case__minor__village",
        "department": f"{prefix}case__departments",
    }
