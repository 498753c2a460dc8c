"""Erase citizens' personal data past the retention period (PARTICIPATION_RETENTION_DAYS).
Run daily (cron or a systemd timer); `--dry-run` only counts."""

from django.core.management.base import BaseCommand

from participation.retention import purge_personal_data


class Command(BaseCommand):
    help = "Xóa dữ liệu cá nhân của câu hỏi, ý kiến góp ý đã hết thời hạn lưu trữ."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không xóa.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        result = purge_personal_data(dry_run=dry_run)
        verb = "Sẽ xóa" if dry_run else "Đã xóa"
        self.stdout.write(
            f"{verb} dữ liệu cá nhân của {result.questions} câu hỏi và {result.comments} ý kiến."
        )
