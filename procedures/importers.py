"""Import administrative procedures from JSON, CSV or XLSX into one site.

Every row is validated before anything is written. Rows are upserted by (site, code):
new codes become pages under the site's procedure index, known codes update their page
and publish a revision only when an imported field changed. Fields the file does not
carry (dossier components, fees, featured, ...) are left as editors set them.

A row may carry the national record's fields (JSON): `national_code` (then the page's
code), `source` (its `portal_url` and `decision`), `submission_methods`, `processing_time`
as {value, unit}, and the lists `steps`, `dossier`, `fees` (with `fees_none`) and
`legal_basis`. A list the row carries replaces the page's rows of that kind.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.models import Site

from sites.slugs import ascii_slug, free_slug

from .import_files import read_rows
from .import_rows import KNOWN_KEYS, ProcedureRow, RowError, validate_row
from .models import (
    DossierComponent,
    LegalBasis,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedurePage,
    Sector,
)

INDEX_TITLE = "Thủ tục hành chính"
INDEX_SLUG = "thu-tuc-hanh-chinh"


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
        errors, row = validate_row(number, raw)
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
    page = ProcedurePage(code=row.code, sector=sector, **row.values)
    for relation, items in row.children.items():
        setattr(page, relation, _new_children(page, relation, items))
    page.slug = _free_slug(index, row)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _update(page: ProcedurePage, row: ProcedureRow, sector: Sector) -> bool:
    changed = page.sector_id != sector.pk
    page.sector = sector
    for name, value in row.values.items():
        if name == "steps":
            if _stream_data(page.steps) != _stream_data(ProcedurePage(steps=value).steps):
                page.steps = value
                changed = True
        elif getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    for relation, items in row.children.items():
        rows = _new_children(page, relation, items)
        if list(map(_row_key, getattr(page, relation).all())) != list(map(_row_key, rows)):
            setattr(page, relation, rows)
            changed = True
    if changed:
        page.draft_title = page.title
        page.save_revision().publish()
    return changed


# Child relation -> (model, the fields an imported item fills, the link an editor adds to a
# row, and the field that recognises the row again in the next import).
CHILD_MODELS = {
    "dossier_components": (
        DossierComponent,
        ("case", "kind", "name", "originals", "copies", "required"),
        "form_template_id",
        "name",
    ),
    "fees": (ProcedureFee, ("description", "amount", "amount_text"), None, None),
    "legal_basis": (
        LegalBasis,
        ("document_number", "title", "issue_date"),
        "document_page_id",
        "document_number",
    ),
}


def _new_children(page: ProcedurePage, relation: str, items: list) -> list:
    """The rows that replace a relation's rows: the imported items, in order, keeping the
    form file or document page an editor linked to the same row. Legal bases that link a
    document page and are not in the import (added by an editor) stay, after them."""
    model, _fields, link, match = CHILD_MODELS[relation]
    existing = list(getattr(page, relation).all())
    rows = [model(**item.__dict__) for item in items]
    if link:
        links = {getattr(old, match): getattr(old, link) for old in existing if getattr(old, link)}
        for new in rows:
            setattr(new, link, links.get(getattr(new, match)))
    if relation == "legal_basis":
        imported = {getattr(new, match) for new in rows}
        rows += [
            old for old in existing if getattr(old, link) and old.document_number not in imported
        ]
    for position, new in enumerate(rows):
        new.sort_order = position
    return rows


def _row_key(child) -> tuple:
    """What an import compares: the imported fields, the link, and the position (rows saved
    without one are put in order once)."""
    relation = child._meta.get_field("page").remote_field.related_name
    _model, fields, link, _match = CHILD_MODELS[relation]
    return (child.sort_order, *(getattr(child, name) for name in fields)) + (
        (getattr(child, link),) if link else ()
    )


def _stream_data(stream) -> list[dict[str, Any]]:
    """A StreamField's stored form without the block ids, to compare contents."""
    return [{"type": item["type"], "value": item["value"]} for item in stream.get_prep_value()]


def _free_slug(index: ProcedureIndexPage, row: ProcedureRow) -> str:
    base = ascii_slug(row.values["title"])[:80].rstrip("-") or "thu-tuc"
    siblings = set(index.get_children().values_list("slug", flat=True))
    return free_slug(base, siblings, suffix=slugify(row.code))
