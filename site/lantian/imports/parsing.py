"""Tolerant readers for the values people type into registry spreadsheets.

Village archives were kept by hand in Excel and WPS for years: digits typed with a Chinese input
method come out full-width (２０１５), cells carry trailing or ideographic spaces, a date is
2015-10-14 in one sheet, 2015/10/14 or 2015年10月14日 in the next and an Excel serial number in a
third. Every importer reads cells through these functions so that the same rule holds everywhere.
Each parser returns the clean value or raises ``ValueError`` with a Chinese-translatable reason.
"""

import datetime
import re
import unicodedata
from functools import lru_cache

from django.utils.translation import gettext as _

# Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29); serials below 61 are
# never real dates in a registry of living minors, so that quirk does not matter here.
EXCEL_EPOCH = datetime.date(1899, 12, 30)
# 1900-01-01 .. 2100-12-31: wide enough for every birth date and visit, narrow enough that an ID
# number or a phone number typed into a date column is not taken for a date.
EXCEL_SERIAL_RANGE = (1, 73415)

_SPACES = re.compile(r"[^\S\n]+")
# A cell already clean: no white space but single spaces between words, none at either end.
_PLAIN = re.compile(r"\S+(?: \S+)*")
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
# Marks a cell the exporter neutralised against formula injection (see ``neutralise``).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value):
    """Half-width digits and letters, single spaces, no spaces at either end; '' for empty.

    NFKC folds full-width forms (０-９, Ａ-Ｚ, the ideographic space) into their ASCII
    equivalents and leaves Chinese characters as they are."""
    if value is None:
        return ""
    if (
        type(value) is str
        and _PLAIN.fullmatch(value)
        and unicodedata.is_normalized("NFKC", value)
        and not value.startswith("'")
    ):
        return value  # most cells of a sheet: nothing to fold (a third of the reading time)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number cell: 15 rather than 15.0
    text = unicodedata.normalize("NFKC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    # Line breaks inside a cell are kept (a household's members, one a line); other runs of
    # white space become one space.
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = "\n".join(line for line in lines if line)
    if text.startswith("'") and text[1:2] in FORMULA_PREFIXES and text[1:2]:
        text = text[1:]  # undo our own export's neutralisation
    return text


def clean_compact(value):
    """Text with every space removed: ID numbers and phone numbers typed with gaps."""
    return clean_text(value).replace(" ", "").replace("\n", "")


def parse_date(value):
    """A date from a cell: a date object, an Excel serial, or text in the common notations."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = clean_compact(value)
    if not text:
        return None
    if re.fullmatch(r"\d{1,5}(\.0+)?", text) and len(text.split(".")[0]) <= 5:
        return _from_serial(float(text))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise ValueError(_("there is no such date")) from None
    raise ValueError(_("not a date; write it as 2015-10-14, 2015/10/14 or 2015年10月14日"))


def _from_serial(number):
    """Excel's serial day number; a fraction is the time of day and is dropped."""
    low, high = EXCEL_SERIAL_RANGE
    if not low <= number <= high:  # also refuses NaN
        raise ValueError(_("not a date; write it as 2015-10-14, 2015/10/14 or 2015年10月14日"))
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


_SEX_WORDS = {
    "男": "M",
    "男性": "M",
    "m": "M",
    "male": "M",
    "女": "F",
    "女性": "F",
    "f": "F",
    "female": "F",
}


def parse_sex(value):
    """'M' or 'F' from 男/女 (also 男性/女性, M/F); None for an empty cell."""
    text = clean_compact(value).lower()
    if not text:
        return None
    try:
        return _SEX_WORDS[text]
    except KeyError:
        raise ValueError(_("write 男 or 女")) from None


_TRUE_WORDS = {"是", "有", "√", "✓", "y", "yes", "true", "1"}
_FALSE_WORDS = {"否", "无", "", "×", "n", "no", "false", "0"}


def parse_bool(value):
    """是/否 (also 有/无, √, yes/no, 1/0); an empty cell is 否."""
    if isinstance(value, bool):
        return value
    text = clean_compact(value).lower()
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    raise ValueError(_("write 是 or 否"))


def parse_int(value):
    """A whole number; '' is None. Full-width digits and '15.0' from a number cell are fine."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(_("not a whole number"))
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = clean_compact(value)
    if not text:
        return None
    if re.fullmatch(r"-?\d+(\.0+)?", text):
        return int(text.split(".")[0])
    raise ValueError(_("not a whole number"))


# Township and street-office names are written with or without their administrative suffix
# (乔楼镇 / 乔楼, 索河街道 / 索河 / 索河办事处). Longer suffixes first.
PLACE_SUFFIXES = ("街道办事处", "办事处", "街道", "管委会", "管委", "回族乡", "民族乡", "镇", "乡")
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会", "社区", "村")


@lru_cache(maxsize=4096)
def place_key(value, suffixes=PLACE_SUFFIXES):
    """The part of a place name that identifies it: 乔楼镇, 乔楼 and ' 乔楼镇 ' give 乔楼."""
    text = clean_compact(value)
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def show_nul(text):
    """Text with each NUL character shown as ␀: a cell that holds one is refused, and the preview
    (stored as JSON, which PostgreSQL refuses with a NUL inside) and the error report show
    where it is."""
    return text.replace("\x00", "\u2400")


def neutralise(value):
    """A cell value that a spreadsheet program will not run as a formula (CSV injection):
    text starting with = + - @ (or a tab or carriage return) gets a leading apostrophe, which
    ``clean_text`` removes again on import, so an exported sheet imports back unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
