"""Wagtail's `publish_scheduled`, run as the scheduled task runs it (workers.scheduling):
one page per transaction, never two runs at once. `--dryrun` is Wagtail's own listing."""

from wagtail.management.commands import publish_scheduled

from workers.scheduling import run_locked


class Command(publish_scheduled.Command):
    def handle(self, *args, **options) -> None:
        if options["dryrun"]:
            return super().handle(*args, **options)
        counts = run_locked()
        if counts is None:
            self.stdout.write("Another run of scheduled publishing is under way; nothing done.")
        else:
            self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
        return None
