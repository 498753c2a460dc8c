from django.core.management.base import BaseCommand

from search.status import read_state
from search.tasks import sync_page


class Command(BaseCommand):
    help = "Compare the database with the search index and repair what drifted."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only report the drift")

    def handle(self, *args, dry_run: bool, **options) -> None:
        state = read_state()
        for row in state.counts():
            marker = "" if row["db"] == row["index"] else "  <- drift"
            line = f"{row['site']:40} {row['type']:10} {row['db']:6} {row['index']:6}"
            self.stdout.write(line + marker)
        drift = {"missing": state.missing(), "stale": state.stale(), "orphans": state.orphans()}
        self.stdout.write(", ".join(f"{name}: {len(ids)}" for name, ids in drift.items()))
        if dry_run:
            return
        repaired = 0
        for page_id in dict.fromkeys(drift["missing"] + drift["stale"] + drift["orphans"]):
            # The sync task's own function, run in-process: the same single writer.
            sync_page.call(page_id)
            repaired += 1
        self.stdout.write(f"repaired {repaired} document(s)")
