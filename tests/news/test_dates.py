from datetime import UTC, datetime

import pytest
from django.template import Context, Template

from news.dates import LOCAL_TZ, format_vietnamese_datetime, parse_vietnamese_datetime


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (15, "Thứ hai, 15/04/2013 09:22"),
        (16, "Thứ ba, 16/04/2013 09:22"),
        (17, "Thứ tư, 17/04/2013 09:22"),
        (18, "Thứ năm, 18/04/2013 09:22"),
        (19, "Thứ sáu, 19/04/2013 09:22"),
        (20, "Thứ bảy, 20/04/2013 09:22"),
        (21, "Chủ nhật, 21/04/2013 09:22"),
    ],
)
def test_every_weekday_has_its_vietnamese_name(day, expected):
    assert format_vietnamese_datetime(datetime(2013, 4, day, 9, 22, tzinfo=LOCAL_TZ)) == expected


def test_aware_datetimes_are_shown_in_vietnam_time():
    # 20:30 UTC on Saturday is 03:30 on Sunday in Hà Nội.
    assert format_vietnamese_datetime(datetime(2013, 4, 20, 20, 30, tzinfo=UTC)) == (
        "Chủ nhật, 21/04/2013 03:30"
    )


def test_naive_datetimes_are_taken_as_local_time():
    assert format_vietnamese_datetime(datetime(2013, 4, 17, 9, 22)) == "Thứ tư, 17/04/2013 09:22"


def test_date_line_parses_to_an_aware_local_datetime():
    parsed = parse_vietnamese_datetime("Thứ tư, 17/04/2013 09:22")
    assert parsed == datetime(2013, 4, 17, 9, 22, tzinfo=LOCAL_TZ)
    assert parsed.utcoffset().total_seconds() == 7 * 3600


@pytest.mark.parametrize(
    "line", ["Sáng 16/4/2013, hội nghị", "banner", "32/13/2013 09:22", "Thứ tư, 17/04/13"]
)
def test_non_date_lines_are_not_dates(line):
    assert parse_vietnamese_datetime(line) is None


def test_template_filter_formats_the_date():
    template = Template("{% load news_tags %}{{ value|vietnamese_datetime }}")
    value = datetime(2013, 4, 17, 2, 22, tzinfo=UTC)
    assert template.render(Context({"value": value})) == "Thứ tư, 17/04/2013 09:22"
