import argparse
import json
import os
import signal
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks.scale import ScaleConfig, measure_in_process, measure_one, prepare
from benchmarks.scale_report import errors, render

from .bench import add_run_arguments, write_results

BEGIN, END = "<!-- bench-scale:begin -->", "<!-- bench-scale:end -->"


class Command(BaseCommand):
    help = (
        "Measure the API, search, publishing and admin screens at 1k, 100k and 1M pages "
        "(1, 100 and 1,000 sites of 1,000 pages) and write the growth table "
        "(docs/performance.md, section “Scale”)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_run_arguments(parser, "rebuild each search index even when it still holds its dataset")
        # Internal: the child process measuring one dataset (its database is the current one).
        parser.add_argument("--measure", metavar="LABEL", help=argparse.SUPPRESS)
        parser.add_argument("--json", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args, quick: bool, output: Path | None, **options) -> None:
        if settings.DEBUG:
            raise CommandError("Benchmarks need DEBUG off (cms.settings.bench).")
        overrides = {k: options[k] for k in ("rounds", "seconds") if options[k] is not None}
        db_name = settings.DATABASES["default"]["NAME"]
        config = ScaleConfig.build(
            quick,
            seed=options["seed"],
            rebuild=options["rebuild"],
            db_name=os.environ["BENCH_SCALE_DB_NAME"] if options["measure"] else db_name,
            index_prefix=settings.ELASTICSEARCH["INDEX_PREFIX"],
            **overrides,
        )
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        log = self.stdout.write
        if options["measure"]:
            scale = next(s for s in config.scales if s.label == options["measure"])
            options["json"].write_text(json.dumps(measure_one(config, scale, log)))
            return
        default = "var/bench/performance-quick.md" if quick else "docs/performance.md"
        output = output or Path(settings.BASE_DIR) / default
        built = prepare(config, log)
        measured = [measure_in_process(config, scale, log) for scale in config.scales]
        write_results(output, render(config, measured, built), BEGIN, END, "Scale")
        found = errors(measured)
        self.stdout.write(f"results: {output} ({found} errors)")
        if found:
            raise CommandError(f"{found} failures during the scale benchmark: see {output}")
