"""The cell parsers read what people type into village spreadsheets; hypothesis fuzzes them."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lantian.imports import parsing

FULL_WIDTH = str.maketrans("0123456789-/ ", "０１２３４５６７８９－／\u3000")


@pytest.mark.parametrize(
    "cell",
    [
        "2015-10-14",
        "2015/10/14",
        "2015年10月14日",
        "2015.10.14",
        "20151014",
        " 2015-10-14 ",
        "２０１５年１０月１４日",
        "２０１５－１０－１４",
        42291,
        42291.0,
        "42291",
        datetime.date(2015, 10, 14),
        datetime.datetime(2015, 10, 14, 0, 0),
    ],
)
def test_every_common_way_of_writing_a_date(cell):
    assert parsing.parse_date(cell) == datetime.date(2015, 10, 14)


@pytest.mark.parametrize("cell", ["2015-13-01", "2015年2月30日"])
def test_impossible_dates_are_refused_with_a_reason(cell):
    with pytest.raises(ValueError, match="没有这一天"):
        parsing.parse_date(cell)


@pytest.mark.parametrize("cell", ["十月", "410102201510140011", "abc", 9_999_999])
def test_text_that_is_no_date_is_refused(cell):
    with pytest.raises(
        ValueError, match="不是日期，请写成 2015-10-14、2015/10/14 或 2015年10月14日"
    ):
        parsing.parse_date(cell)


@given(
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2099, 12, 31)),
    st.sampled_from(["{y}-{m}-{d}", "{y}/{m}/{d}", "{y}年{m}月{d}日", "{y}.{m:02d}.{d:02d}"]),
    st.booleans(),
    st.text(alphabet=" \u3000\t", max_size=3),
)
def test_any_date_in_any_notation_reads_back(date, notation, full_width, padding):
    text = notation.format(y=date.year, m=date.month, d=date.day)
    if full_width:
        text = text.translate(FULL_WIDTH)
    assert parsing.parse_date(padding + text + padding) == date


@given(st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 12, 31)))
def test_excel_serials_read_as_the_date_excel_shows(date):
    serial = (date - datetime.date(1899, 12, 30)).days
    assert parsing.parse_date(serial) == date
    assert parsing.parse_date(float(serial)) == date


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True)))
def test_parsers_fail_only_with_a_reason(cell):
    """Whatever a cell holds, a parser returns a value or raises ValueError, never crashes."""
    for parse in (parsing.parse_date, parsing.parse_int, parsing.parse_sex, parsing.parse_bool):
        try:
            parse(cell)
        except ValueError as error:
            assert str(error)


@pytest.mark.parametrize("cell", ["男", " 男 ", "男性", "M", "m"])
def test_male(cell):
    assert parsing.parse_sex(cell) == "M"


@pytest.mark.parametrize("cell", ["女", "女\u3000", "女性", "F"])
def test_female(cell):
    assert parsing.parse_sex(cell) == "F"


def test_sex_other_words_are_refused():
    with pytest.raises(ValueError, match="请填写“男”或“女”"):
        parsing.parse_sex("未知")


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("乔楼镇", "乔楼"),
        ("乔楼", "乔楼"),
        (" 乔楼 镇 ", "乔楼"),
        ("索河街道", "索河"),
        ("索河街道办事处", "索河"),
        ("金寨回族乡", "金寨"),
        ("城关乡", "城关"),
        ("环翠峪管委", "环翠峪"),
        ("镇", "镇"),
    ],
)
def test_place_names_match_with_or_without_their_suffix(cell, key):
    assert parsing.place_key(cell) == key


@pytest.mark.parametrize(
    ("cell", "number"), [("１５", 15), (" 15 ", 15), (15.0, 15), ("15.0", 15), ("", None)]
)
def test_whole_numbers(cell, number):
    assert parsing.parse_int(cell) == number


def test_fractions_are_not_whole_numbers():
    with pytest.raises(ValueError, match="不是整数"):
        parsing.parse_int(1.5)


def test_clean_text_folds_full_width_and_trims():
    assert parsing.clean_text("  张\u3000三  ") == "张 三"
    assert parsing.clean_text("ＡＢＣ１２３") == "ABC123"
    assert parsing.clean_text(None) == ""
    assert parsing.clean_text(3.0) == "3"


@given(st.text(max_size=40))
def test_neutralised_cells_read_back_as_written(text):
    """What the exporter neutralises against formula injection imports back unchanged."""
    cleaned = parsing.clean_text(text)
    exported = parsing.neutralise(cleaned)
    assert not exported.startswith(("=", "+", "-", "@"))
    assert parsing.clean_text(exported) == cleaned


def test_line_breaks_inside_a_cell_are_kept():
    assert parsing.clean_text("父 张三 40\r\n 母  李四 38 \n\n") == "父 张三 40\n母 李四 38"
