from django.core.management.base import BaseCommand, CommandParser

from benchmarks.generator import generate
from benchmarks.search_index import index_in_database


class Command(BaseCommand):
    help = "Create the bench sites and their pages in bulk (deterministic for a seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sites", type=int, default=50)
        parser.add_argument("--pages", type=int, default=2000, help="content pages per site")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--no-db-search-index",
            action="store_true",
            help="skip Wagtail's database search index (only the stock search needs it)",
        )

    def handle(self, *args, sites: int, pages: int, seed: int, **options) -> None:
        if sites < 1 or pages < 2:
            self.stderr.write("--sites must be ≥ 1 and --pages ≥ 2")
            raise SystemExit(2)

        def progress(site: int, created: int) -> None:
            if options["verbosity"] > 1 or site == sites:
                self.stdout.write(f"site {site}/{sites}: {created} pages created")

        created = generate(sites, pages, seed, progress)
        if created and not options["no_db_search_index"]:
            indexed = index_in_database()
            self.stdout.write(f"database search index: {indexed} pages")
        self.stdout.write(self.style.SUCCESS(f"{created} pages created"))
