"""A source agency's media and site-scoped snippets, planned and moved to the target."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Revision,
    Site,
)

from ..models import Agency, SiteScopedModel
from ..provisioning import agency_collection


def _target_collection(source_collection: Collection, source_root: Collection, target_root):
    """The target's collection of the same name at the same place (its root otherwise)."""
    if target_root is None or source_collection.pk == source_root.pk:
        return target_root
    match = target_root.get_children().filter(name=source_collection.name).first()
    return match or target_root


def plan_media(source: Agency, target: Agency | None) -> list[dict]:
    source_root = agency_collection(source)
    if source_root is None:
        return []
    target_root = agency_collection(target) if target else None
    entries = []
    for collection in Collection.objects.filter(path__startswith=source_root.path):
        destination = _target_collection(collection, source_root, target_root)
        for model in (get_image_model(), get_document_model()):
            ids = list(
                model.objects.filter(collection=collection)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if ids:
                entries.append(
                    {
                        "model": model._meta.label_lower,
                        "ids": ids,
                        "from_collection": collection.name,
                        "to_collection": destination.pk if destination else None,
                        "to_collection_name": destination.name if destination else collection.name,
                        "restriction": _restriction(collection),
                        "private_name": f"{collection.name} ({source.slug})",
                    }
                )
    return entries


def _restriction(collection: Collection) -> int | None:
    """The nearest view restriction on the collection or above it."""
    above = [
        collection.path[:n]
        for n in range(Collection.steplen, len(collection.path) + 1, Collection.steplen)
    ]
    nearest = CollectionViewRestriction.objects.filter(collection__path__in=above)
    return nearest.order_by("-collection__depth").values_list("pk", flat=True).first()


def _private_collection(parent: Collection, name: str, restriction_id: int) -> Collection:
    """A child of `parent` holding the same restriction: private media stay private."""
    existing = parent.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    collection = parent.add_child(name=name)
    restriction = CollectionViewRestriction.objects.get(pk=restriction_id)
    copy = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=restriction.restriction_type,
        password=restriction.password,
    )
    copy.groups.set(restriction.groups.all())
    return collection


def apply_media(entries: list[dict]) -> None:
    for entry in entries:
        model = apps.get_model(entry["model"])
        collection = Collection.objects.get(pk=entry["to_collection"])
        if entry["restriction"] is not None and _restriction(collection) is None:
            collection = _private_collection(
                collection, entry["private_name"], entry["restriction"]
            )
        for item in model.objects.filter(pk__in=entry["ids"]):
            item.collection = collection
            item.save(update_fields=["collection"])


def _scoped_models() -> list:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SiteScopedModel) and not model._meta.abstract
    ]


def _many_to_many(model) -> list:
    """The many-to-many fields of any model that point at `model` (a page's categories)."""
    return [
        field
        for other in apps.get_models()
        for field in other._meta.get_fields()
        if field.many_to_many and not field.auto_created and field.related_model is model
    ]


def _references(obj) -> int:
    total = 0
    for field in _many_to_many(type(obj)):
        through = field.remote_field.through
        total += through.objects.filter(**{field.m2m_reverse_field_name(): obj.pk}).count()
    return total


def plan_snippets(
    source: Agency, target_site: Site | None, moved: dict[tuple[str, str], int]
) -> list[dict]:
    """Each snippet of the source's site: mapped onto the target's one with the same slug,
    or onto one an earlier source of the operation moves there (its uses repointed), or
    moved to the target's site. `moved` collects the slugs moved, across sources."""
    entries = []
    for model in _scoped_models():
        has_slug = any(f.name == "slug" for f in model._meta.get_fields())
        label = model._meta.label_lower
        for obj in model.objects.filter(site=source.site).order_by("pk"):
            same = None
            if has_slug and target_site is not None:
                same = model.objects.filter(site=target_site, slug=obj.slug).first()
            same_pk = same.pk if same else moved.get((label, obj.slug)) if has_slug else None
            if same_pk is not None:
                if _references(obj):
                    entries.append(_entry(obj, "map", same_pk))
            else:
                entries.append(_entry(obj, "move", None))
                if has_slug:
                    moved[(label, obj.slug)] = obj.pk
    return entries


def _entry(obj, action: str, to: int | None) -> dict:
    return {
        "model": obj._meta.label_lower,
        "id": obj.pk,
        "name": str(obj),
        "action": action,
        "to": to,
    }


def apply_snippets(entries: list[dict], target_site: Site) -> None:
    for entry in entries:
        model = apps.get_model(entry["model"])
        obj = model.objects.get(pk=entry["id"])
        if entry["action"] == "move":
            obj.site = target_site
            obj.save()
        else:
            _repoint(obj, model.objects.get(pk=entry["to"]))


def _repoint(old, new) -> None:
    """Every use of `old` becomes a use of `new`, in the pages and in their latest
    revisions (which the editor opens next)."""
    for field in _many_to_many(type(old)):
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = through.objects.filter(**{target: old.pk})
        owners = list(rows.values_list(owner, flat=True))
        has_new = set(
            through.objects.filter(**{target: new.pk, f"{owner}__in": owners}).values_list(
                owner, flat=True
            )
        )
        rows.filter(**{f"{owner}__in": has_new}).delete()
        rows.update(**{target: new.pk})
        revisions = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(field.model),
            object_id__in=[str(pk) for pk in owners],
        )
        for revision in revisions:
            values = revision.content.get(field.name) or []
            if old.pk in values:
                revision.content[field.name] = list(
                    dict.fromkeys(new.pk if v == old.pk else v for v in values)
                )
                revision.save(update_fields=["content"])
