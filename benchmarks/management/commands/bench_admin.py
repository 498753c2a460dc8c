from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks import servers
from benchmarks.admin_screens import (
    SCREENS,
    admin_scenarios,
    admin_users,
    measure_admin,
    query_counts,
)
from benchmarks.datasets import database_url
from benchmarks.harness import PORTS, Config, Results
from benchmarks.report import admin_table


class Command(BaseCommand):
    help = (
        "Measure the admin screens alone on the current bench database (the admin part of "
        "`bench`): query counts, then wrk with 4 logged-in editors per screen and role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        names = [name for name, _title in SCREENS]
        parser.add_argument("screens", nargs="*", help=f"of {', '.join(names)} (all)")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seconds", type=float, default=5)
        parser.add_argument("--queries-only", action="store_true", help="no server, no wrk")

    def handle(self, *args, screens: list[str], seed: int, **options) -> None:
        if settings.DEBUG:
            raise CommandError("Benchmarks need DEBUG off (cms.settings.bench).")
        unknown = sorted(set(screens) - {name for name, _title in SCREENS})
        if unknown:
            raise CommandError(f"Unknown screen {unknown[0]}")
        if options["queries_only"]:
            users = admin_users()
            scenarios = admin_scenarios(seed, users)
            query_counts({s: r for s, r in scenarios.items() if not screens or s in screens},
                         users, self.stdout.write)  # fmt: skip
            return
        results = Results(Config(seed=seed, db_name=settings.DATABASES["default"]["NAME"]))
        with servers.ExitStack() as stack:
            redis_url = stack.enter_context(servers.redis(PORTS["redis"]))
            env = servers.django_env(database_url(results.config.db_name), REDIS_URL=redis_url)
            stack.enter_context(servers.gunicorn(PORTS["warm"], env, "admin"))
            results.admin, results.admin_queries = measure_admin(
                PORTS["warm"],
                seed,
                rounds=options["rounds"],
                seconds=options["seconds"],
                log=self.stdout.write,
                screens=screens,
            )
        for line in admin_table(results):
            self.stdout.write(line)
