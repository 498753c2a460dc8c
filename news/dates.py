"""Vietnamese date lines as the old portal printed them: "Thứ tư, 17/04/2013 09:22"."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# datetime.weekday(): Monday is 0.
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")

DATE_LINE_RE = re.compile(
    r"^\s*(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)\s*,?\s*)?"
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
    r"(?:\s*,?\s*(?P<hour>\d{1,2})[:h](?P<minute>\d{2}))?\s*$",
    re.IGNORECASE,
)


def format_vietnamese_datetime(dt: datetime) -> str:
    """ "Thứ tư, 17/04/2013 09:22" in Vietnam's local time (naive values are taken as local)."""
    local = dt.astimezone(LOCAL_TZ) if dt.tzinfo else dt
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y %H:%M}"


def parse_vietnamese_datetime(text: str) -> datetime | None:
    """The aware datetime of a date line like "Thứ tư, 17/04/2013 09:22", or None.

    The weekday is optional and not checked against the date: old articles sometimes
    carry a wrong one, the numbers are what the editors typed.
    """
    match = DATE_LINE_RE.match(text.replace("\xa0", " "))
    if match is None:
        return None
    parts = {k: int(v) for k, v in match.groupdict(default="0").items()}
    try:
        return datetime(
            parts["year"],
            parts["month"],
            parts["day"],
            parts["hour"],
            parts["minute"],
            tzinfo=LOCAL_TZ,
        )
    except ValueError:
        return None
