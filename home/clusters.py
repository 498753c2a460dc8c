"""modelcluster's child relations of a model, worked out once per state of its fields.

Every `ClusterableModel.__init__` (each page read from the database) asks modelcluster for
the model's child relations and parental many-to-many fields, and modelcluster answers by
testing every field of the model: over a hundred on a page type, for a list it then uses
only to look for keyword arguments. The lists depend on the model's fields alone, so they
are kept with the tuple of fields Django caches for the model (`_meta.get_fields()`): when
Django expires that cache (a model registered later), the lists are worked out again.
"""

from collections.abc import Callable

import modelcluster.models

_ORIGINALS = {
    "get_all_child_relations": modelcluster.models.get_all_child_relations,
    "get_all_child_m2m_relations": modelcluster.models.get_all_child_m2m_relations,
}


def _kept_per_fields(work_out: Callable[[object], list]) -> Callable[[object], list]:
    kept: dict[int, tuple[tuple, list]] = {}

    def lookup(model) -> list:
        meta = model._meta
        fields = meta.get_fields()
        entry = kept.get(id(meta))
        if entry is None or entry[0] is not fields:
            entry = kept[id(meta)] = (fields, work_out(model))
        return list(entry[1])  # callers may change the list they get

    lookup.__wrapped__ = work_out
    return lookup


def install() -> None:
    """Replace modelcluster's two look-ups (idempotent)."""
    for name, original in _ORIGINALS.items():
        if getattr(modelcluster.models, name) is original:
            setattr(modelcluster.models, name, _kept_per_fields(original))
