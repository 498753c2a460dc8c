"""Query-time expansion of abbreviations and synonyms (edited as a snippet by admins)."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .models import SearchSynonym
from .text import fold, tokens

CACHE_KEY = "search:synonym-groups"
MAX_VARIANTS = 6


def synonym_groups() -> list[list[list[str]]]:
    """Each group as a list of phrases, each phrase as its folded tokens."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [
            [tokens(phrase) for phrase in synonym.folded_phrases()]
            for synonym in SearchSynonym.objects.all()
        ]
        cache.set(CACHE_KEY, groups, 300)
    return groups


def _find(haystack: list[str], needle: list[str]) -> int:
    for start in range(len(haystack) - len(needle) + 1):
        if haystack[start : start + len(needle)] == needle:
            return start
    return -1


def expand(query: str) -> list[str]:
    """Folded variants of the query with each known phrase replaced by its equivalents.

    The first variant is the folded query itself. "thu tuc cap gpxd" also yields
    "thu tuc cap giay phep xay dung".
    """
    original = tokens(fold(query))
    variants = [original]
    for group in synonym_groups():
        for phrase in sorted(group, key=len, reverse=True):
            if not phrase:
                continue
            start = _find(original, phrase)
            if start < 0:
                continue
            for other in group:
                if other != phrase and other:
                    variants.append(original[:start] + other + original[start + len(phrase) :])
            break
    unique = list(dict.fromkeys(" ".join(v) for v in variants))
    return unique[:MAX_VARIANTS]


def _clear(**kwargs) -> None:
    cache.delete(CACHE_KEY)


post_save.connect(_clear, sender=SearchSynonym, dispatch_uid="search_synonyms_saved")
post_delete.connect(_clear, sender=SearchSynonym, dispatch_uid="search_synonyms_deleted")
