"""Synonyms and abbreviations (edited as a snippet by admins), read at query time by
`search.understanding`."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .models import SearchSynonym
from .text import tokens

CACHE_KEY = "search:synonym-groups:v2"


def synonym_groups() -> list[list[list[str]]]:
    """Each group as a list of phrases, each phrase as its lower-case words, with the
    diacritics as the admin wrote them (a phrase written without them matches however it
    is typed; one written with them is not confused with other words of the same letters)."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [
            [tokens(phrase) for phrase in synonym.phrase_list()]
            for synonym in SearchSynonym.objects.all()
        ]
        cache.set(CACHE_KEY, groups, 300)
    return groups


def _clear(**kwargs) -> None:
    cache.delete(CACHE_KEY)


post_save.connect(_clear, sender=SearchSynonym, dispatch_uid="search_synonyms_saved")
post_delete.connect(_clear, sender=SearchSynonym, dispatch_uid="search_synonyms_deleted")
