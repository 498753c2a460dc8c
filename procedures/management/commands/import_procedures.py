from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from procedures.import_files import ImportFileError
from procedures.importers import ImportValidationError, import_procedures
from sites.queries import UnknownSiteError, site_for_slug


class Command(BaseCommand):
    help = "Import administrative procedures (thủ tục hành chính) from .json, .csv or .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .json, .csv or .xlsx file")
        parser.add_argument(
            "--site", required=True, help="agency slug or hostname of the target site"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="validate and report, write nothing"
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows, report the rest"
        )

    def handle(self, *args, file: Path, site: str, dry_run: bool, skip_invalid: bool, **options):
        try:
            target = site_for_slug(site)
        except UnknownSiteError as exc:
            raise CommandError(f"unknown site '{site}'") from exc
        try:
            report = import_procedures(
                file, target, dry_run=dry_run, skip_invalid=skip_invalid, progress=True
            )
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        except ImportValidationError as exc:
            for error in exc.report.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.report.errors)} error(s) in {file}; nothing was imported "
                "(use --skip-invalid to import the valid rows)"
            ) from exc
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if report.errors:
            self.stderr.write(f"skipped rows: {', '.join(map(str, report.skipped_rows))}")
            for error in report.errors:
                self.stderr.write(f"  {error}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
