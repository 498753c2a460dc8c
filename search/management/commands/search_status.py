import json

from django.core.management.base import BaseCommand

from search.status import collect_status


class Command(BaseCommand):
    help = "Show the search index, its counts against the database and the sync queue."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        status = collect_status()
        if options["json"]:
            self.stdout.write(_dumps(status))
            return
        self.stdout.write(f"alias: {status['alias']}")
        if not status["available"]:
            self.stdout.write(f"Elasticsearch unavailable: {status['error']}")
        else:
            self.stdout.write(f"live index: {status['live_index']} (all: {status['indices']})")
            self.stdout.write(f"documents: {status['totals']} drift: {status['drift']}")
            for row in status["counts"]:
                self.stdout.write(
                    f"  {row['site']:40} {row['type']:10} db={row['db']:<5} index={row['index']}"
                )
        tasks = status["tasks"]
        self.stdout.write(
            f"sync tasks: pending={tasks['pending']} running={tasks['running']} "
            f"failed={tasks['failed']} succeeded={tasks['succeeded']}"
        )
        if tasks["last_error"]:
            self.stdout.write(f"last error: {tasks['last_error']}")


def _dumps(value) -> str:
    return json.dumps(value, default=str, ensure_ascii=False, indent=2)
