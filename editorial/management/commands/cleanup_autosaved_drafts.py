from django.core.management.base import BaseCommand
from django.db import transaction

from editorial.drafts import ABANDONED_AFTER, abandoned_drafts


class Command(BaseCommand):
    help = (
        "Delete the pages autosave created that nobody saved, submitted or published, untouched "
        f"for {ABANDONED_AFTER.days} days (their editors see them on the dashboard until then)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List them without deleting anything."
        )

    def handle(self, *args, dry_run: bool, **options):
        pages = list(abandoned_drafts().select_related("autosaved_draft__user"))
        for page in pages:
            writer = page.autosaved_draft.user
            self.stdout.write(
                f"{'would delete' if dry_run else 'deleting'} page {page.pk} "
                f"“{page.title}” (last autosaved {page.latest_revision_created_at:%Y-%m-%d %H:%M}"
                f", by {writer.get_username() if writer else 'unknown'})"
            )
            if not dry_run:
                with transaction.atomic():
                    page.specific.delete()
        self.stdout.write(f"{len(pages)} abandoned autosaved drafts")
