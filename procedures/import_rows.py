"""Validation of one imported procedure row: every problem is reported as (row, field, reason),
and a valid row becomes the page values, the child rows and the sector it names."""

import re
from dataclasses import dataclass, field
from typing import Any

from .choices import LEVEL_FIELDS, Level, OnlineLevel, TimeUnit
from .records import (
    SUBMISSION_METHODS,
    dossier_items,
    fee_items,
    legal_basis_items,
    step_blocks,
)
from .text import clean_text, text_to_html

# Source key -> (page field, is rich text). All are optional and multi-line; where two keys
# fill one field (a record's "processing_time_text" and a flat file's "processing_time"),
# the first one given wins.
TEXT_FIELDS = {
    "implementing_body": ("implementing_body", False),
    "applicants": ("applicants", False),
    "result": ("result", False),
    "notes": ("notes", False),
    "processing_time": ("processing_time_note", False),
    "processing_time_text": ("processing_time_note", False),
    "steps": ("steps", True),
    "steps_text": ("steps", True),
    "dossier_text": ("dossier_note", True),
    "fees_text": ("fees_note", True),
    "legal_basis_text": ("legal_basis_note", True),
    "conditions": ("conditions", True),
}
REQUIRED = ("name", "sector", "levels", "agency", "online_service")
# The national record's structured fields (JSON only).
RECORD_KEYS = {"code", "national_code", "source", "submission_methods", "fees_none"}
# Record list -> the page's child relation it replaces.
CHILD_LISTS = {"dossier": "dossier_components", "fees": "fees", "legal_basis": "legal_basis"}
# Provenance, kept in the source file only.
IGNORED_KEYS = {"source_notes", "source_agency"}
KNOWN_KEYS = {*REQUIRED, *TEXT_FIELDS, *RECORD_KEYS, *CHILD_LISTS, *IGNORED_KEYS}

MAX_LENGTHS = {"code": 64, "name": 2000, "sector": 255, "agency": 500}
TITLE_MAX = 255  # Page.title; longer official names go to full_name
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# "15 ngày làm việc": used only when the text states exactly one duration.
DURATION_RE = re.compile(r"(\d+)\s*(ngày làm việc|ngày|giờ|tháng)")
DURATION_UNITS = {
    "ngày làm việc": TimeUnit.WORKING_DAYS,
    "ngày": TimeUnit.DAYS,
    "giờ": TimeUnit.HOURS,
    "tháng": TimeUnit.MONTHS,
}


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field}: {self.reason}"


@dataclass
class ProcedureRow:
    row: int
    code: str
    values: dict[str, Any]  # page field -> value, ready to assign
    sector: str
    # Child relation -> its rows (dataclasses of procedures.records), for the lists carried.
    children: dict[str, list] = field(default_factory=dict)


class _Row:
    """One raw row and the errors found in it."""

    def __init__(self, number: int, raw: dict[str, Any]):
        self.number = number
        self.raw = raw
        self.errors: list[RowError] = []

    def error(self, key: str, reason: str) -> None:
        self.errors.append(RowError(self.number, key, reason))

    def text(self, key: str, *, multiline: bool = False) -> str:
        value = self.raw.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, "expected text")
            return ""
        return clean_text(str(value), multiline=multiline)

    def list_of(self, key: str, item_type: type) -> list | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, item_type) for item in value):
            self.error(key, f"expected a list of {'texts' if item_type is str else 'objects'}")
            return None
        return value


def validate_row(number: int, raw: dict[str, Any]) -> tuple[list[RowError], ProcedureRow | None]:
    row = _Row(number, raw)
    values = {key: row.text(key) for key in ("name", "sector", "agency", "online_service")}
    for key, value in values.items():
        if not value:
            row.error(key, "required")
        elif key in MAX_LENGTHS and len(value) > MAX_LENGTHS[key]:
            row.error(key, f"too long (max {MAX_LENGTHS[key]} characters)")
    code = _code(row)
    online = values["online_service"]
    if online and online not in OnlineLevel.values:
        expected = ", ".join(OnlineLevel.values)
        row.error("online_service", f"unknown level '{online}' (expected {expected})")
    levels = _levels(row)
    page_values = _text_values(row)
    page_values.update(_record_values(row, online))
    children = _children(row)
    if row.errors:
        return row.errors, None

    name = values["name"]
    page_values.update(
        {
            "title": shorten(name, TITLE_MAX),
            "full_name": name if len(name) > TITLE_MAX else "",
            "implementing_agency": values["agency"],
            "online_level": online,
            **{field_name: level in levels for level, field_name in LEVEL_FIELDS.items()},
        }
    )
    return row.errors, ProcedureRow(number, code, page_values, values["sector"], children)


def _code(row: _Row) -> str:
    """The national code when the row has one (it is the procedure's code), else `code`."""
    code = row.text("national_code") or row.text("code")
    key = "national_code" if row.raw.get("national_code") else "code"
    if not code:
        row.error("code", "required")
    elif len(code) > MAX_LENGTHS["code"]:
        row.error(key, f"too long (max {MAX_LENGTHS['code']} characters)")
    elif not CODE_RE.match(code):
        row.error(key, f"'{code}' may only hold letters, digits, '.', '-' and '_'")
    return code


def _text_values(row: _Row) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for source, (target, rich) in TEXT_FIELDS.items():
        if values.get(target):
            continue
        if source == "processing_time" and isinstance(row.raw.get(source), dict):
            continue  # a record's {value, unit}: see _record_values
        if source == "steps" and isinstance(row.raw.get(source), list):
            steps = row.list_of("steps", str) or []
            values["steps"] = [("step", block) for block in step_blocks(steps)]
            continue
        text = row.text(source, multiline=True)
        if target == "steps":
            values[target] = [("step", block) for block in step_blocks([text] if text else [])]
        else:
            values[target] = text_to_html(text) if rich else text
    if isinstance(row.raw.get("processing_time"), dict):
        values["processing_time_value"] = None
    else:
        values.update(_duration(values["processing_time_note"]))
    return values


def _record_values(row: _Row, online: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    source = row.raw.get("source")
    if isinstance(source, dict):
        url = clean_text(str(source.get("portal_url") or ""))
        if url and not url.startswith(("https://", "http://")):
            row.error("source", f"portal_url is not a web address: '{url}'")
        values["national_portal_url"] = url
        values["announcing_decision"] = clean_text(str(source.get("decision") or ""))[:255]
    elif source is not None and not isinstance(source, str):
        row.error("source", "expected an object or a text")
    fees_none = row.raw.get("fees_none")
    if fees_none is not None:
        if not isinstance(fees_none, bool):
            row.error("fees_none", "expected true or false")
        values["fees_none"] = fees_none is True
    time = row.raw.get("processing_time")
    if isinstance(time, dict):
        amount, unit = time.get("value"), time.get("unit")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            row.error("processing_time", "value must be a whole number of days, hours or months")
        if unit not in TimeUnit.values:
            expected = ", ".join(TimeUnit.values)
            row.error("processing_time", f"unknown unit '{unit}' (expected {expected})")
        values.update(processing_time_value=amount, processing_time_unit=unit)
    values.update(_submission_methods(row, online))
    return values


def _submission_methods(row: _Row, online: str) -> dict[str, bool]:
    """The three submission booleans. Without `submission_methods` the online one follows the
    online service level; with it, a level that contradicts the methods is an error."""
    methods = row.list_of("submission_methods", str)
    if methods is None:
        if "submission_methods" in row.raw:
            return {}
        return {"submit_online": online in {OnlineLevel.FULL, OnlineLevel.PARTIAL}}
    unknown = sorted(set(methods) - set(SUBMISSION_METHODS))
    if unknown:
        expected = ", ".join(SUBMISSION_METHODS)
        row.error("submission_methods", f"unknown method '{unknown[0]}' (expected {expected})")
        return {}
    values = {field_name: key in methods for key, field_name in SUBMISSION_METHODS.items()}
    if online in {OnlineLevel.FULL, OnlineLevel.PARTIAL} and not values["submit_online"]:
        row.error(
            "online_service",
            f"'{online}' needs the online submission method, which submission_methods lacks",
        )
    elif online == OnlineLevel.NONE and values["submit_online"]:
        row.error("online_service", "'khong' contradicts the online submission method")
    return values


def _children(row: _Row) -> dict[str, list]:
    children: dict[str, list] = {}
    dossier = row.list_of("dossier", dict)
    if dossier is not None:
        children["dossier_components"] = dossier_items(dossier)
    fees = row.list_of("fees", dict)
    if fees is not None:
        children["fees"] = fee_items(fees, row.raw.get("fees_none") is True)
    legal_basis = row.list_of("legal_basis", dict)
    if legal_basis is not None:
        children["legal_basis"] = legal_basis_items(legal_basis)
    for relation, items in children.items():
        for position, item in enumerate(items, start=1):
            problem = _child_problem(relation, item)
            if problem:
                key = next(key for key, name in CHILD_LISTS.items() if name == relation)
                row.error(key, f"item {position}: {problem}")
    return children


def _child_problem(relation: str, item) -> str:
    if relation == "fees" and len(item.amount_text) > 1000:
        return "fee text too long (max 1000 characters)"
    if relation == "legal_basis" and len(item.document_number) > 100:
        return "document number too long (max 100 characters)"
    if relation == "dossier_components" and len(item.case) > 1000:
        return "case too long (max 1000 characters)"
    return ""


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return f"{cut}…"


def _levels(row: _Row) -> list[str]:
    value = row.raw.get("levels")
    if isinstance(value, str):
        items = list(re.split(r"[;,]", value))
    elif isinstance(value, list):
        items = value
    elif value is None:
        items = []
    else:
        row.error("levels", "expected a list of levels")
        return []
    levels: list[str] = []
    for item in items:
        level = clean_text(str(item)).lower()
        if not level:
            continue
        if level not in Level.values:
            expected = ", ".join(Level.values)
            row.error("levels", f"unknown level '{level}' (expected {expected})")
        elif level not in levels:
            levels.append(level)
    if not levels and not any(error.field == "levels" for error in row.errors):
        row.error("levels", "required")
    return levels


def _duration(note: str) -> dict[str, Any]:
    matches = DURATION_RE.findall(note)
    if len(matches) != 1:
        return {"processing_time_value": None}
    amount, unit = matches[0]
    return {"processing_time_value": int(amount), "processing_time_unit": DURATION_UNITS[unit]}
