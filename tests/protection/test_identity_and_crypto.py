"""ID numbers: checksum, birth date and sex; identifiers encrypted at rest with a keyed hash."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from lantian.crypto import decrypt, encrypt, keyed_hash, mask
from protection.identity import birth_date_of, cross_check, sex_of, validate_id_number

from .factories import GuardianFactory, MinorFactory

# The national standard's published example (GB 11643-1999): 11010519491231002X
STANDARD_EXAMPLE = "11010519491231002X"


def test_the_standards_example_is_valid_and_decoded():
    validate_id_number(STANDARD_EXAMPLE)
    validate_id_number(STANDARD_EXAMPLE.lower())
    assert birth_date_of(STANDARD_EXAMPLE) == datetime.date(1949, 12, 31)
    assert sex_of(STANDARD_EXAMPLE) == "female"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("110105194912310021", "id_checksum"),
        ("11010519491331002X", "id_birth_date"),
        ("1101051949123100", "id_format"),
        ("11010519491231002Y", "id_format"),
    ],
)
def test_bad_numbers_are_refused_in_chinese(number, code):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as raised:
        validate_id_number(number)
    assert raised.value.code == code
    message = raised.value.messages[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert number not in message


def test_cross_check_names_the_contradicting_fields():
    errors = cross_check(STANDARD_EXAMPLE, birth_date=datetime.date(1950, 1, 1), sex="male")
    assert set(errors) == {"birth_date", "sex"}
    assert cross_check(STANDARD_EXAMPLE, birth_date=datetime.date(1949, 12, 31), sex="female") == {}


def test_encryption_round_trip_and_hash_normalises():
    token = encrypt("410199201501011234")
    assert "410199" not in token
    assert decrypt(token) == "410199201501011234"
    assert encrypt("same") != encrypt("same")  # random IV: equal values do not match
    assert keyed_hash(" 11010519491231002x ") == keyed_hash(STANDARD_EXAMPLE)
    assert mask("410182201501011234") == "410182********1234"


@pytest.mark.django_db
def test_identifiers_are_encrypted_in_the_database_and_found_by_hash():
    guardian = GuardianFactory()
    minor = guardian.minor
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM protection_minor WHERE id = %s", [minor.pk])
        (stored,) = cursor.fetchone()
        cursor.execute(
            "SELECT id_number, phone FROM protection_guardian WHERE id = %s", [guardian.pk]
        )
        stored_guardian = cursor.fetchone()
    assert minor.id_number not in stored
    assert guardian.id_number not in stored_guardian[0]
    assert guardian.phone not in stored_guardian[1]
    found = type(minor).objects.get(id_number_hash=keyed_hash(minor.id_number.lower()))
    assert found == minor
    assert found.id_number == minor.id_number


@pytest.mark.django_db
def test_a_second_minor_with_the_same_id_number_is_refused():
    first = MinorFactory()
    second = MinorFactory.build(
        id_number=first.id_number,
        birth_date=first.birth_date,
        sex=first.sex,
        village=first.village,
        township=first.township,
    )
    with translation.override("zh-hans"), pytest.raises(ValidationError) as raised:
        second.full_clean()
    assert "id_number" in raised.value.error_dict
