"""Parsing query parameters; every invalid value becomes a 400 with a Vietnamese message."""

import datetime

from django.utils.translation import gettext as _

from .errors import bad_request

TRUE_VALUES = {"true", "1", "yes"}
FALSE_VALUES = {"false", "0", "no"}


def reject_unknown(query, known: set[str] | frozenset[str]) -> None:
    """400 naming every query parameter the endpoint does not know."""
    unknown = sorted(set(query.keys()) - set(known))
    if unknown:
        raise bad_request(_("Tham số không hợp lệ: %(detail)s") % {"detail": ", ".join(unknown)})


def parse_date(name: str, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise bad_request(
            _("Ngày không hợp lệ ở tham số %(name)s: “%(value)s” (định dạng YYYY-MM-DD).")
            % {"name": name, "value": value}
        ) from None


def parse_bool(name: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise bad_request(
        _("Tham số %(name)s chỉ nhận true hoặc false, không nhận “%(value)s”.")
        % {"name": name, "value": value}
    )


def parse_choice(name: str, value: str, choices: list[str]) -> str:
    if value not in choices:
        raise bad_request(
            _("Giá trị “%(value)s” không hợp lệ cho %(name)s; chọn một trong: %(choices)s.")
            % {"name": name, "value": value, "choices": ", ".join(choices)}
        )
    return value


def parse_non_negative_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise bad_request(
            _("Tham số %(name)s phải là số nguyên không âm, không phải “%(value)s”.")
            % {"name": name, "value": value}
        )
    return number
