"""Synonyms and abbreviations (edited as a snippet by admins), read at query time by
`search.understanding`.

Every search reads them, so each process keeps its own copy, checked against a small stamp
in the shared cache: a change anywhere drops the stamp, and each process reads the table
again on its next search (unpickling all the groups from the cache on every search cost
more than understanding the query).
"""

import threading
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import SearchSynonym
from .text import tokens
from .understanding import Groups

STAMP_KEY = "search:synonyms:stamp"
# Bounds how long a copy read while a change was being committed may be kept.
STAMP_TIMEOUT = 300

_copy: tuple[str, Groups] | None = None
_lock = threading.Lock()


def _read() -> Groups:
    return tuple(
        tuple(tuple(tokens(phrase)) for phrase in synonym.phrase_list())
        for synonym in SearchSynonym.objects.all()
    )


def synonym_groups() -> Groups:
    """Each group as a tuple of phrases, each phrase as its lower-case words, with the
    diacritics as the admin wrote them (a phrase written without them matches however it
    is typed; one written with them is not confused with other words of the same letters)."""
    global _copy
    stamp = cache.get(STAMP_KEY)
    copy = _copy
    if stamp is not None and copy is not None and copy[0] == stamp:
        return copy[1]
    with _lock:
        groups = _read()
        if stamp is None:
            stamp = uuid.uuid4().hex
            # Another process may have set one meanwhile: theirs stays, and this copy is
            # read again on the next search.
            if not cache.add(STAMP_KEY, stamp, STAMP_TIMEOUT):
                stamp = ""
        _copy = (stamp, groups)
    return groups


def _clear(**kwargs) -> None:
    cache.delete(STAMP_KEY)
    # Again once committed: a search between the change and its commit read the old rows.
    transaction.on_commit(lambda: cache.delete(STAMP_KEY))


post_save.connect(_clear, sender=SearchSynonym, dispatch_uid="search_synonyms_saved")
post_delete.connect(_clear, sender=SearchSynonym, dispatch_uid="search_synonyms_deleted")
