import csv
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sites.bulk_provisioning import (
    BatchProvisioningError,
    RowError,
    SiteSpec,
    provision_agency_sites,
)
from sites.provisioning import ProvisioningError

COLUMNS = ["name", "slug", "hostname", "port", "kind", "short_name", "parent_slug", "is_default"]
TRUE = {"1", "true", "yes", "x", "có", "co"}
FALSE = {"", "0", "false", "no", "không", "khong"}


def _read(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        rows = json.loads(text)
        if not isinstance(rows, list):
            raise CommandError(_("Tệp JSON phải là một danh sách các đối tượng."))
        return rows
    return list(csv.DictReader(text.splitlines()))


def _spec(number: int, row: object) -> tuple[SiteSpec | None, list[RowError]]:
    """The row as a SiteSpec, or the errors that keep it from being one."""
    if not isinstance(row, dict):
        return None, [RowError(number, "-", _("Không phải một bản ghi (cần một đối tượng)."))]
    errors = []
    unknown = set(row) - set(COLUMNS)
    if unknown:
        errors.append(RowError(number, sorted(unknown)[0], _("Cột không được hỗ trợ.")))
    values = {key: ("" if value is None else value) for key, value in row.items()}

    def text(key: str) -> str:
        return str(values.get(key, "")).strip()

    port = values.get("port", "")
    if port in ("", None):
        port = 80
    else:
        try:
            port = int(port)
        except (TypeError, ValueError):
            errors.append(RowError(number, "port", _("Cổng phải là số nguyên.")))
    default = values.get("is_default", "")
    if not isinstance(default, bool):
        if str(default).strip().lower() in TRUE:
            default = True
        elif str(default).strip().lower() in FALSE:
            default = False
        else:
            errors.append(RowError(number, "is_default", _("Chỉ nhận true hoặc false.")))
    if errors:
        return None, errors
    spec = SiteSpec(
        name=text("name"),
        slug=text("slug"),
        hostname=text("hostname"),
        port=port,
        kind=text("kind") or "department",
        short_name=text("short_name"),
        parent=text("parent_slug") or None,
        is_default=default,
    )
    return spec, []


class Command(BaseCommand):
    help = (
        "Tạo (hoặc hoàn thiện) trang thành phần của nhiều cơ quan từ một tệp CSV hoặc JSON "
        f"(cột: {','.join(COLUMNS)}). Tất cả hoặc không gì cả; chạy lại an toàn."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Tệp .csv hoặc .json")
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            rows = _read(path)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
            raise CommandError(_("Không đọc được tệp %(path)s: %(error)s") % {
                "path": path, "error": exc,
            }) from exc  # fmt: skip
        specs, errors = [], []
        for number, row in enumerate(rows, start=1):
            spec, row_errors = _spec(number, row)
            specs.append(spec)
            errors.extend(row_errors)
        if errors:
            raise CommandError("\n".join(str(error) for error in errors))
        started = time.monotonic()
        try:
            results = provision_agency_sites(specs, batch_size=options["batch_size"])
        except BatchProvisioningError as exc:
            raise CommandError(str(exc)) from exc
        except ProvisioningError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        changed = sum(result.changed for result in results)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Đã tạo/hoàn thiện %(changed)s trang, %(complete)s trang đã đầy đủ "
                    "(%(seconds).1f giây)."
                )
                % {
                    "changed": changed,
                    "complete": len(results) - changed,
                    "seconds": elapsed,
                }
            )
        )
