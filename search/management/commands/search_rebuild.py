from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.files import count_searchable
from search.indexing import count_searchable_pages
from search.rebuild import rebuild


class Command(BaseCommand):
    help = "Build a new search index from the database and swap the alias onto it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--keep-old", action="store_true", help="keep the previous index")
        parser.add_argument(
            "--workers", type=int, default=1, help="build documents in this many processes"
        )

    def handle(self, *args, keep_old: bool, workers: int, verbosity: int, **options) -> None:
        if workers > 1:
            report = rebuild(keep_old=keep_old, workers=workers)
        else:
            total = count_searchable_pages() + count_searchable() if verbosity else None
            with tqdm(total=total, unit="doc", disable=not verbosity, file=self.stderr) as bar:
                report = rebuild(progress=bar.update, keep_old=keep_old)
        self.stdout.write(
            f"{report.index}: {report.documents} documents in {report.seconds:.1f} s "
            f"({report.rate:.0f} docs/s); removed {len(report.old_indices)} old index(es)"
        )
