from django.core.management.base import BaseCommand, CommandParser

from benchmarks.documents import run


class Command(BaseCommand):
    help = (
        "Add generated PDF and DOCX files to the current database and measure the extraction "
        "rate, a rebuild with documents and the search time of document queries "
        "(docs/documents-search.md). Writes documents: run it on a bench or demo copy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--files", type=int, default=5000)
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, files: int, queries: int, seed: int, **options) -> None:
        bench = run(files, seed=seed, queries=queries)
        for line in bench.lines():
            self.stdout.write(line)
