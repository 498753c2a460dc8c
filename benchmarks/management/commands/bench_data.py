import random
import time

from django.core.management.base import BaseCommand, CommandParser
from wagtail.documents import get_document_model

from benchmarks import documents
from benchmarks.generator import generate
from benchmarks.search_index import index_in_database
from benchmarks.servers import cores
from benchmarks.vocabulary import load_vocabulary


class Command(BaseCommand):
    help = "Create the bench sites and their pages in bulk (deterministic for a seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sites", type=int, default=50)
        parser.add_argument("--pages", type=int, default=2000, help="content pages per site")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--workers",
            type=int,
            default=cores(),
            help="processes writing the sites' pages (default: one per core)",
        )
        parser.add_argument(
            "--documents",
            type=int,
            default=0,
            help="generated PDF and DOCX files, a fifth of them procedure forms (once)",
        )
        parser.add_argument(
            "--no-db-search-index",
            action="store_true",
            help="skip Wagtail's database search index (only the stock search needs it)",
        )

    def handle(self, *args, sites: int, pages: int, seed: int, workers: int, **options) -> None:
        if sites < 1 or pages < 2 or workers < 1:
            self.stderr.write("--sites and --workers must be ≥ 1, --pages ≥ 2")
            raise SystemExit(2)
        verbose = options["verbosity"] > 1

        def progress(line: str) -> None:
            if verbose or " in " in line:  # the per-phase timings always
                self.stdout.write(line)

        created = generate(sites, pages, seed, progress, workers=workers)
        if created and not options["no_db_search_index"]:
            started = time.monotonic()
            indexed = index_in_database(workers=workers, log=self.stdout.write)
            self.stdout.write(
                f"database search index: {indexed} pages in {time.monotonic() - started:.1f} s"
            )
        if options["documents"] and not get_document_model().objects.exists():
            started = time.monotonic()
            ids = documents.generate(options["documents"], random.Random(seed), load_vocabulary())
            self.stdout.write(f"{len(ids)} documents in {time.monotonic() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS(f"{created} pages created"))
