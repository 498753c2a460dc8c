"""The bench databases: one per scale, filled by `bench_data` and kept between runs when the
seed, scale and generator version match (a marker file says so).

A database starts as a copy of the next smaller dataset when that one is a part of it (the
generator writes a site's pages in seeded chunks, so the copy holds exactly the pages a
build from scratch would write first), otherwise of a migrated, empty template."""

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

from .generator import CHUNK, VERSION

MARKERS = Path(settings.VAR_DIR) / "bench"


@dataclass(frozen=True)
class Scale:
    sites: int
    pages: int  # per site
    db_search_index: bool = False
    documents: int = 0  # generated PDF and DOCX files (benchmarks.documents)

    @property
    def total(self) -> int:
        return self.sites * self.pages

    def contains(self, other: "Scale") -> bool:
        """Whether `other`'s data is the start of this scale's (see the generator)."""
        return (
            other.sites <= self.sites
            and other.pages <= self.pages
            and (other.pages == self.pages or other.pages % CHUNK == 0)
            and (self.db_search_index or not other.db_search_index)
            # The files are generated after every page: a copy with files is no start.
            and not other.documents
        )

    @property
    def label(self) -> str:
        total = self.total
        if total >= 1_000_000 and total % 1_000_000 == 0:
            return f"{total // 1_000_000}M"
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


def _vacuum(name: str) -> None:
    """What autovacuum does to a production database by and by, done at once after the bulk
    load: planner statistics, and the visibility map that lets index-only scans skip rows."""
    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"], user=db["USER"], password=db["PASSWORD"],
        dbname=name, autocommit=True,
    ) as conn:  # fmt: skip
        conn.add_notice_handler(lambda notice: None)  # shared catalogs: not ours to vacuum
        conn.execute("VACUUM (ANALYZE)")


def _wanted(scale: Scale, seed: int) -> dict:
    return {**asdict(scale), "seed": seed, "generator": VERSION}


def _is_built(conn: psycopg.Connection, name: str, wanted: dict) -> bool:
    marker = MARKERS / f"{name}.json"
    return _exists(conn, name) and marker.exists() and json.loads(marker.read_text()) == wanted


def ensure_dataset(
    name: str,
    scale: Scale,
    seed: int,
    template: str,
    log=print,
    smaller: tuple[str, Scale] | None = None,
) -> bool:
    """Make database `name` hold exactly this scale's data; True when it was (re)built.
    `smaller`: a dataset (database, scale) already ensured, to start from when it fits."""
    marker = MARKERS / f"{name}.json"
    wanted = _wanted(scale, seed)
    with _admin() as conn:
        if _is_built(conn, name, wanted):
            _manage(name, "migrate", "--no-input", "-v0")
            return False
        marker.unlink(missing_ok=True)
        source = template
        if (
            smaller
            and scale.contains(smaller[1])
            and _is_built(conn, smaller[0], _wanted(smaller[1], seed))
        ):
            source = smaller[0]
        else:
            _ensure_template(conn, template)
        log(f"building {name}: {scale.sites} sites × {scale.pages} pages (seed {seed}) on {source}")
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(source)
            )
        )
    args = ["bench_data", f"--sites={scale.sites}", f"--pages={scale.pages}", f"--seed={seed}"]
    if not scale.db_search_index:
        args.append("--no-db-search-index")
    if scale.documents:
        args.append(f"--documents={scale.documents}")
    _manage(name, *args)
    _vacuum(name)
    MARKERS.mkdir(parents=True, exist_ok=True)
    marker.write_text(json.dumps(wanted))
    return True
