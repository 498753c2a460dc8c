from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from news.encodings import NewsImportError
from news.importers import import_news_file
from sites.queries import UnknownSiteError, site_for_slug


class Command(BaseCommand):
    help = "Nhập một tin bài (tệp văn bản hoặc HTML của cổng cũ) vào mục Tin tức của một trang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp .txt, .html hoặc .htm (UTF-8)")
        parser.add_argument("--site", required=True, help="mã cơ quan hoặc tên miền của trang")
        parser.add_argument("--dry-run", action="store_true", help="chỉ báo sẽ làm gì, không ghi")

    def handle(self, *args, file: Path, site: str, dry_run: bool, **options) -> None:
        try:
            target = site_for_slug(site)
        except UnknownSiteError as error:
            raise CommandError(
                _("Không tìm thấy trang thông tin “%(site)s”.") % {"site": site}
            ) from error
        try:
            result = import_news_file(file, target, dry_run=dry_run)
        except NewsImportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(result.summary()))
