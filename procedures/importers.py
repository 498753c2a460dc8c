"""Import administrative procedures from JSON, CSV or XLSX into one site.

Every row is validated before anything is written. Rows are upserted by (site, code):
new codes become pages under the site's procedure index, known codes update their page
and publish a revision only when an imported field changed. Fields the file does not
carry (dossier components, fees, featured, ...) are left as editors set them.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyascii import anyascii
from django.db import transaction
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.models import Site

from .choices import LEVEL_FIELDS, Level, OnlineLevel, TimeUnit
from .import_files import read_rows
from .models import ProcedureIndexPage, ProcedurePage, Sector
from .text import clean_text, text_to_html

INDEX_TITLE = "Thủ tục hành chính"
INDEX_SLUG = "thu-tuc-hanh-chinh"

REQUIRED = ("code", "name", "sector", "levels", "agency", "online_service")
# Source key -> (page field, is rich text). All are optional and multi-line.
TEXT_FIELDS = {
    "implementing_body": ("implementing_body", False),
    "applicants": ("applicants", False),
    "notes": ("notes", False),
    "processing_time": ("processing_time_note", False),
    "steps": ("steps", True),
    "dossier_text": ("dossier_note", True),
    "fees_text": ("fees_note", True),
    "legal_basis_text": ("legal_basis_note", True),
    "conditions": ("conditions", True),
}
KNOWN_KEYS = {*REQUIRED, *TEXT_FIELDS}
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


@dataclass
class ImportReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        prefix = "dry run, nothing written: " if self.dry_run else ""
        return (
            f"{prefix}created {len(self.created)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, skipped {len(self.skipped_rows)}"
        )


class ImportValidationError(Exception):
    """Some rows are invalid and skipping them was not allowed; nothing was written."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__("\n".join(str(error) for error in report.errors))


class _DryRunRollback(Exception):
    pass


def import_procedures(
    path: Path,
    site: Site,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: bool = False,
) -> ImportReport:
    """Validate every row of `path`, then upsert the valid ones into `site` in one transaction.

    Raises `ImportValidationError` when a row is invalid and `skip_invalid` is False, and
    `import_files.ImportFileError` when the file cannot be read at all.
    """
    report = ImportReport(dry_run=dry_run)
    raw_rows = read_rows(Path(path))
    rows = validate_rows(raw_rows, report)
    if report.errors:
        if not skip_invalid:
            raise ImportValidationError(report)
        report.skipped_rows = sorted({error.row for error in report.errors})
    try:
        with transaction.atomic():
            _write(rows, site, report, progress=progress)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return report


def validate_rows(
    raw_rows: list[dict[str, Any] | None], report: ImportReport
) -> list[ProcedureRow]:
    """The valid rows; every problem goes to `report.errors`."""
    valid: list[ProcedureRow] = []
    first_row_of_code: dict[str, int] = {}
    unknown: set[str] = set()
    for number, raw in enumerate(raw_rows, start=1):
        if raw is None:
            report.errors.append(RowError(number, "-", "not a record (expected an object)"))
            continue
        unknown.update(key for key in raw if key not in KNOWN_KEYS)
        errors, row = _validate_row(number, raw)
        if row is not None:
            if row.code in first_row_of_code:
                errors.append(
                    RowError(number, "code", f"duplicate of row {first_row_of_code[row.code]}")
                )
            else:
                first_row_of_code[row.code] = number
        report.errors.extend(errors)
        if not errors and row is not None:
            valid.append(row)
    if unknown:
        report.warnings.append("ignored unknown fields: " + ", ".join(sorted(unknown)))
    return valid


def _validate_row(number: int, raw: dict[str, Any]) -> tuple[list[RowError], ProcedureRow | None]:
    errors: list[RowError] = []

    def text(key: str, *, multiline: bool = False) -> str:
        value = raw.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            errors.append(RowError(number, key, "expected text"))
            return ""
        return clean_text(str(value), multiline=multiline)

    values = {key: text(key) for key in ("code", "name", "sector", "agency", "online_service")}
    for key, value in values.items():
        if not value:
            errors.append(RowError(number, key, "required"))
        elif key in MAX_LENGTHS and len(value) > MAX_LENGTHS[key]:
            errors.append(RowError(number, key, f"too long (max {MAX_LENGTHS[key]} characters)"))
    code = values["code"]
    if code and not CODE_RE.match(code):
        errors.append(
            RowError(number, "code", f"'{code}' may only hold letters, digits, '.', '-' and '_'")
        )
    online = values["online_service"]
    if online and online not in OnlineLevel.values:
        expected = ", ".join(OnlineLevel.values)
        errors.append(
            RowError(number, "online_service", f"unknown level '{online}' (expected {expected})")
        )
    levels = _levels(number, raw.get("levels"), errors)
    texts = {
        target: text(source, multiline=True) for source, (target, _rich) in TEXT_FIELDS.items()
    }
    if errors:
        return errors, None

    name = values["name"]
    page_values: dict[str, Any] = {
        "title": shorten(name, TITLE_MAX),
        "full_name": name if len(name) > TITLE_MAX else "",
        "implementing_agency": values["agency"],
        "online_level": online,
        **{field_name: level in levels for level, field_name in LEVEL_FIELDS.items()},
    }
    for _source, (target, rich) in TEXT_FIELDS.items():
        page_values[target] = text_to_html(texts[target]) if rich else texts[target]
    page_values.update(_duration(texts["processing_time_note"]))
    return errors, ProcedureRow(number, code, page_values, values["sector"])


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return f"{cut}…"


def _levels(number: int, value: Any, errors: list[RowError]) -> list[str]:
    if isinstance(value, str):
        items = list(re.split(r"[;,]", value))
    elif isinstance(value, list):
        items = value
    elif value is None:
        items = []
    else:
        errors.append(RowError(number, "levels", "expected a list of levels"))
        return []
    levels: list[str] = []
    for item in items:
        level = clean_text(str(item)).lower()
        if not level:
            continue
        if level not in Level.values:
            expected = ", ".join(Level.values)
            errors.append(
                RowError(number, "levels", f"unknown level '{level}' (expected {expected})")
            )
        elif level not in levels:
            levels.append(level)
    if not levels and not any(error.field == "levels" for error in errors):
        errors.append(RowError(number, "levels", "required"))
    return levels


def _duration(note: str) -> dict[str, Any]:
    matches = DURATION_RE.findall(note)
    if len(matches) != 1:
        return {"processing_time_value": None}
    amount, unit = matches[0]
    return {"processing_time_value": int(amount), "processing_time_unit": DURATION_UNITS[unit]}


def _write(rows: list[ProcedureRow], site: Site, report: ImportReport, *, progress: bool) -> None:
    index = procedure_index_for(site)
    existing = {
        page.code: page
        for page in ProcedurePage.objects.descendant_of(site.root_page).select_related("sector")
    }
    sectors = {sector.name: sector for sector in Sector.objects.all()}
    for row in tqdm(rows, desc="import", unit="row", disable=None if progress else True):
        sector = sectors.get(row.sector)
        if sector is None:
            sector = sectors[row.sector] = Sector.objects.create(name=row.sector)
        page = existing.get(row.code)
        if page is None:
            _create(index, row, sector)
            report.created.append(row.code)
        elif _update(page, row, sector):
            report.updated.append(row.code)
        else:
            report.unchanged.append(row.code)


def procedure_index_for(site: Site) -> ProcedureIndexPage:
    """The site's procedure index (a child of its root page), created and published if missing."""
    index = ProcedureIndexPage.objects.child_of(site.root_page).first()
    if index is None:
        index = ProcedureIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG)
        site.root_page.add_child(instance=index)
        index.save_revision().publish()
    return index


def _create(index: ProcedureIndexPage, row: ProcedureRow, sector: Sector) -> ProcedurePage:
    values = {**row.values, "steps": _steps_stream(row.values["steps"])}
    page = ProcedurePage(code=row.code, sector=sector, **values)
    page.slug = _free_slug(index, row)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _update(page: ProcedurePage, row: ProcedureRow, sector: Sector) -> bool:
    changed = page.sector_id != sector.pk
    page.sector = sector
    for name, value in row.values.items():
        if name == "steps":
            if _steps_html(page) != value:
                page.steps = _steps_stream(value)
                changed = True
        elif getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    if changed:
        page.draft_title = page.title
        page.save_revision().publish()
    return changed


def _steps_stream(html: str) -> list[tuple[str, dict[str, Any]]]:
    # The packed source text is one block; editors can split it into steps later.
    return [("step", {"case": "", "title": "", "body": html})] if html else []


def _steps_html(page: ProcedurePage) -> str:
    return "".join(block.value["body"].source for block in page.steps)


def _free_slug(index: ProcedureIndexPage, row: ProcedureRow) -> str:
    base = slugify(anyascii(row.values["title"]))[:80].rstrip("-") or "thu-tuc"
    candidates = [base, f"{base}-{slugify(row.code)}"]
    siblings = set(index.get_children().values_list("slug", flat=True))
    for candidate in candidates:
        if candidate not in siblings:
            return candidate
    n = 2
    while f"{candidates[1]}-{n}" in siblings:
        n += 1
    return f"{candidates[1]}-{n}"
