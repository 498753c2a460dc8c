from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks.profiling import profile_api, render

SCENARIOS = ["detail", "news", "procedures"]


class Command(BaseCommand):
    help = (
        "Profile uncached API requests of the bench's request sets in-process: wall time, "
        "queries, and where the time goes (docs/performance.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("scenarios", nargs="*", help=f"of {', '.join(SCENARIOS)} (all)")
        parser.add_argument("--requests", type=int, default=100, help="per scenario")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--stock", action="store_true", help="stock Wagtail's API too")
        parser.add_argument("--top", type=int, default=0, help="functions with most own time")

    def handle(self, *args, scenarios: list[str], **options) -> None:
        if settings.DEBUG:
            raise CommandError("Profiling needs DEBUG off (cms.settings.bench).")
        unknown = sorted(set(scenarios) - set(SCENARIOS))
        if unknown:
            raise CommandError(f"Unknown scenario {unknown[0]}: {', '.join(SCENARIOS)}")
        profiles = profile_api(
            scenarios or SCENARIOS,
            options["requests"],
            options["seed"],
            options["stock"],
            options["top"],
        )
        for profile in profiles:
            render(profile, self.stdout.write)
