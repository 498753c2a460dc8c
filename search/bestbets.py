"""Best bets: pages editors pin to the top of a search (`search.models.BestBet`).

A bet applies to the searches of its own site; the portal's bets to the province-wide search
(every site). A query matches a bet's keyword when both have the same words, or the same
words once filler and question words are left out ("thủ tục làm giấy khai sinh ở đâu" and
"làm giấy khai sinh").
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site

from .models import BestBet
from .text import fold, tokens
from .understanding import understand

CACHE_KEY = "search:best-bets"
MAX_PINNED = 5

Bet = tuple[int, bool, frozenset[str], int]  # site id, on the portal, keys, page id


def query_keys(text: str) -> set[str]:
    """The forms of a query or keyword that bets are matched on."""
    words = " ".join(tokens(fold(text)))
    return {key for key in (words, understand(text).core) if key}


def _bets() -> list[Bet]:
    bets = cache.get(CACHE_KEY)
    if bets is None:
        rows = BestBet.objects.select_related("site").order_by("sort_order", "pk")
        bets = [
            (
                bet.site_id,
                bet.site.is_default_site,
                frozenset(key for line in bet.query_list() for key in query_keys(line)),
                bet.page_id,
            )
            for bet in rows
        ]
        cache.set(CACHE_KEY, bets, 300)
    return bets


def pinned_pages(q: str, site_ids: list[int] | None) -> list[int]:
    """The pages pinned to `q` in this scope (`site_ids` None: every site), first first."""
    bets = _bets()
    if not q or not bets:
        return []
    keys = query_keys(q)
    pages = [
        page_id
        for site_id, on_portal, bet_keys, page_id in bets
        if (on_portal if site_ids is None else site_id in site_ids) and keys & bet_keys
    ]
    return list(dict.fromkeys(pages))[:MAX_PINNED]


def _clear(**kwargs) -> None:
    cache.delete(CACHE_KEY)


for _model in (BestBet, Site):
    _uid = f"search_best_bets_{_model.__name__}"
    post_save.connect(_clear, sender=_model, dispatch_uid=f"{_uid}_saved")
    post_delete.connect(_clear, sender=_model, dispatch_uid=f"{_uid}_deleted")
