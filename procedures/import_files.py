"""Readers for procedure import files: JSON, CSV and XLSX, all yielding plain dict rows."""

import csv
import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, structure)."""


def read_rows(path: Path) -> list[dict[str, Any] | None]:
    """The data rows of `path`, in order; None stands for a row that is not a record.

    Position i (0-based) is reported as row i + 1: the list index for JSON, the data row
    below the header for CSV and XLSX.
    """
    suffix = path.suffix.lower()
    readers = {".json": _read_json, ".csv": _read_csv, ".xlsx": _read_xlsx}
    if suffix not in readers:
        raise ImportFileError(f"unsupported file type '{suffix}' (expected .json, .csv or .xlsx)")
    if not path.is_file():
        raise ImportFileError(f"file not found: {path}")
    return readers[suffix](path)


def _read_json(path: Path) -> list[dict[str, Any] | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFileError(f"not a valid UTF-8 JSON file: {exc}") from exc
    records = data.get("procedures") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ImportFileError('expected a list of procedures under the key "procedures"')
    return [record if isinstance(record, dict) else None for record in records]


def _read_csv(path: Path) -> list[dict[str, Any] | None]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [_drop_blank_keys(row) for row in reader]
            header = reader.fieldnames
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"not a UTF-8 CSV file: {exc}") from exc
    if not header:
        raise ImportFileError("the file has no header row")
    return rows


def _read_xlsx(path: Path) -> list[dict[str, Any] | None]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for broken files
        raise ImportFileError(f"not a readable .xlsx file: {exc}") from exc
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None)
        if not header or not any(header):
            raise ImportFileError("the first sheet has no header row")
        names = [str(cell).strip() if cell is not None else "" for cell in header]
        rows: list[dict[str, Any] | None] = []
        for line in lines:
            cells = {
                name: ("" if value is None else value)
                for name, value in zip(names, line, strict=False)
                if name
            }
            rows.append(cells)
    finally:
        workbook.close()
    # Trailing empty rows are formatting, not data.
    while rows and not any(str(value).strip() for value in rows[-1].values()):
        rows.pop()
    return rows


def _drop_blank_keys(row: dict[str | None, Any]) -> dict[str, Any]:
    # DictReader puts surplus cells under the key None; empty header cells give "".
    return {key: value for key, value in row.items() if key}
