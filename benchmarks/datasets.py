"""The bench databases: one per scale, cloned from a migrated template, filled by
`bench_data` and kept between runs when the seed and scale match (a marker file says so)."""

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import dj_database_url
import psycopg
from django.conf import settings
from psycopg import sql

MARKERS = Path(settings.VAR_DIR) / "bench"


@dataclass(frozen=True)
class Scale:
    sites: int
    pages: int  # per site
    db_search_index: bool = False

    @property
    def total(self) -> int:
        return self.sites * self.pages

    @property
    def label(self) -> str:
        total = self.total
        return f"{total // 1000}k" if total >= 1000 and total % 1000 == 0 else str(total)


def database_url(name: str) -> str:
    base = dj_database_url.parse(os.environ.get("BENCH_SERVER_URL", _server_url()))
    return f"postgres://{base['USER']}:{base['PASSWORD']}@{base['HOST']}:{base['PORT']}/{name}"


def _server_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _admin() -> psycopg.Connection:
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
        dbname="postgres", autocommit=True,
    )  # fmt: skip


def _exists(conn: psycopg.Connection, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
    )


def _manage(database: str, *args: str, env: dict | None = None) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
            "DATABASE_URL": database_url(database),
            **(env or {}),
        },
        check=True,
    )


def _ensure_template(conn: psycopg.Connection, template: str) -> None:
    """A migrated, empty database to clone: migrating each bench database would take minutes."""
    if not _exists(conn, template):
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
    _manage(template, "migrate", "--no-input", "-v0")


def ensure_dataset(name: str, scale: Scale, seed: int, template: str, log=print) -> bool:
    """Make database `name` hold exactly this scale's data; True when it was (re)built."""
    marker = MARKERS / f"{name}.json"
    wanted = {**asdict(scale), "seed": seed}
    with _admin() as conn:
        if _exists(conn, name) and marker.exists() and json.loads(marker.read_text()) == wanted:
            _manage(name, "migrate", "--no-input", "-v0")
            return False
        log(f"building {name}: {scale.sites} sites × {scale.pages} pages (seed {seed})")
        marker.unlink(missing_ok=True)
        _ensure_template(conn, template)
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    args = ["bench_data", f"--sites={scale.sites}", f"--pages={scale.pages}", f"--seed={seed}"]
    if not scale.db_search_index:
        args.append("--no-db-search-index")
    _manage(name, *args)
    MARKERS.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(wanted))
    return True
