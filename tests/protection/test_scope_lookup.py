"""One lookup for "this record, if the user may see it": outside the scope a record answers
exactly as a missing one (404), and can_see says the same of a record already in hand."""

import pytest
from django.http import Http404

from protection.models import Case, Minor
from protection.scope import can_see, get_visible_or_404


def test_a_record_in_scope_is_found_and_one_outside_is_a_404(world):
    township = world.users["township"]
    assert get_visible_or_404(Case, township, pk=world.case_a.pk) == world.case_a
    queryset = Case.objects.select_related("minor")
    assert get_visible_or_404(queryset, township, pk=world.case_a2.pk).minor == world.minor_a2
    for pk in (world.case_b.pk, 0):  # another township's case, and no case at all
        with pytest.raises(Http404):
            get_visible_or_404(Case, township, pk=pk)


def test_can_see_follows_the_scope_of_each_role(world):
    assert can_see(world.minor_a, world.users["village"])
    assert not can_see(world.minor_a2, world.users["village"])  # the next village
    assert can_see(world.minor_b, world.users["city"])
    assert not can_see(world.minor_a, world.users["nobody"])
    assert not can_see(Minor(name="未保存"), world.users["city"])
    assert not can_see(None, world.users["city"])
