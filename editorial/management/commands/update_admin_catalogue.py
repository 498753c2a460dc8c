import polib
from django.core.management.base import BaseCommand, CommandError

from editorial import catalogue


class Command(BaseCommand):
    help = (
        "Add the installed Wagtail and Django messages to locale/vi (django.po, djangojs.po): "
        "new ones untranslated, gone ones obsolete. Then translate, `make messages`, commit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail listing the messages the catalogue does not translate.",
        )

    def handle(self, *args, check: bool, **options):
        missing_total = 0
        for domain in catalogue.DOMAINS:
            if check:
                path = catalogue.catalogue_path(domain)
                missing = catalogue.missing_translations(polib.pofile(str(path)), domain)
                for msgid in missing:
                    self.stdout.write(f"{domain}: {msgid!r}")
                missing_total += len(missing)
                continue
            po, added, retired = catalogue.update(domain)
            self.stdout.write(
                f"{catalogue.catalogue_path(domain)}: {added} added, {retired} obsolete, "
                f"{len(po.untranslated_entries())} untranslated"
            )
        if missing_total:
            raise CommandError(f"{missing_total} messages are not translated")
