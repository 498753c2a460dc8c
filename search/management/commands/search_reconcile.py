from django.core.management.base import BaseCommand

from search import files
from search.status import read_state
from search.tasks import sync_document, sync_page


class Command(BaseCommand):
    help = (
        "Compare every indexed document with the one the database gives now (by content "
        "hash) and repair each difference: missing, stale and orphan documents."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only report the drift")

    def handle(self, *args, dry_run: bool, **options) -> None:
        state = read_state()
        for row in state.counts():
            marker = "" if row["db"] == row["index"] else "  <- drift"
            line = f"{row['site']:40} {row['type']:10} {row['db']:6} {row['index']:6}"
            self.stdout.write(line + marker)
        drift = {"missing": state.missing(), "stale": state.stale(), "orphans": state.orphans()}
        self.stdout.write(
            f"documents: {len(state.db)} in the database, {len(state.index)} indexed; "
            + ", ".join(f"{name}: {len(ids)}" for name, ids in drift.items())
        )
        if dry_run:
            return
        repaired, failed = 0, []
        for key in dict.fromkeys(drift["missing"] + drift["stale"] + drift["orphans"]):
            document_id = files.id_of(key)
            try:
                # The sync task's own function, run in-process: the same single writer. A
                # failure leaves its retry queued for the worker.
                if document_id is not None:
                    sync_document.call(document_id)
                else:
                    sync_page.call(int(key))
            except Exception as error:
                failed.append(f"{key} ({type(error).__name__})")
            else:
                repaired += 1
        self.stdout.write(f"repaired: {repaired}, failed: {len(failed)}")
        if failed:
            self.stderr.write("not repaired (retry queued): " + ", ".join(failed))
