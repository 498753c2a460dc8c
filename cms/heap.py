"""What a server process builds while starting (every app's models, views, admin and API,
some 250,000 objects) is kept for the life of the process. Python's cycle collector walks
all of them on each full collection: a pause of about 150 ms every few dozen admin
requests, which was most of the admin's slowest answers under load (docs/performance.md).
Frozen, they are left out of every collection; in a server started with `--preload` they
also stay shared between the forked workers instead of being copied by the collector's
writes."""

import gc

from django.urls import get_resolver


def freeze_startup_objects() -> None:
    """Load every URL's view now, collect what start-up threw away, and freeze the rest."""
    get_resolver().url_patterns  # noqa: B018 - imports the views, admin and API modules
    gc.collect()
    gc.freeze()
