import re
import signal
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchmarks.harness import Config, run
from benchmarks.report import render, total_errors

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def write_results(
    path: Path, section: str, begin: str = BEGIN, end: str = END, heading: str = "Results"
) -> None:
    """Replace the generated section of `path` (between the markers), keeping the rest."""
    block = f"{begin}\n{section}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in text and end in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = f"{text.rstrip()}\n\n## {heading}\n\n{block}\n".lstrip()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def add_run_arguments(parser: CommandParser, rebuild_help: str) -> None:
    """The options `bench` and `bench_scale` share."""
    parser.add_argument("--quick", action="store_true", help="tiny data, one short round")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--seconds", type=float, help="per target and round")
    parser.add_argument("--output", type=Path, help="default: docs/performance.md")
    parser.add_argument("--rebuild", action="store_true", help=rebuild_help)


class Command(BaseCommand):
    help = "Run every benchmark scenario and write the results table (docs/performance.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_run_arguments(parser, "rebuild the search index even when it still holds this dataset")

    def handle(self, *args, quick: bool, seed: int, output: Path | None, **options) -> None:
        if settings.DEBUG:
            raise CommandError("Benchmarks need DEBUG off (cms.settings.bench).")
        overrides = {k: options[k] for k in ("rounds", "seconds") if options[k] is not None}
        overrides["rebuild"] = options["rebuild"]
        db_name = settings.DATABASES["default"]["NAME"]
        config = Config.build(quick, seed=seed, db_name=db_name, **overrides)
        default = "var/bench/performance-quick.md" if quick else "docs/performance.md"
        output = output or Path(settings.BASE_DIR) / default
        # A stopped run still stops its servers (the context managers' cleanup).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        results = run(config, log=lambda line: self.stdout.write(line))
        write_results(output, render(results))
        errors = total_errors(results)
        self.stdout.write(f"results: {output} ({errors} errors)")
        if errors:
            raise CommandError(
                f"{errors} failures during the benchmark (failed requests and publishes, failed "
                f"phases, admin screens over their bound): see “Failed phases” in {output}"
            )
