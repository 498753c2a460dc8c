"""References checked on save: what a form points at must be something its user may use.

A page, image or document of the user's own agency may be used (drafts and the agency's
private media included: the public filter of `sites.visibility` still hides them from
visitors until they are public); another agency's only when it is public. Whatever the
browser sent (a forged chooser id, a StreamField block, an inline relation, a rich text
link), a reference outside that is an error on its field, naming only the id.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .queries import chooser_pages_q, permitted
from .slugs import AsciiSlugPageForm
from .visibility import Visibility

MESSAGES = {
    "page": _("Trang số %(id)s chưa xuất bản hoặc không công khai và không thuộc cơ quan của bạn."),
    "image": _("Ảnh số %(id)s không công khai và không thuộc cơ quan của bạn."),
    "document": _("Tài liệu số %(id)s không công khai và không thuộc cơ quan của bạn."),
}


def _kind(model: type[Model]) -> str | None:
    if issubclass(model, Page):
        return "page"
    if issubclass(model, AbstractImage):
        return "image"
    if issubclass(model, AbstractDocument):
        return "document"
    return None


def _references(model_field, value) -> Iterator[tuple[type[Model], object]]:
    """(model, id) of each page, image or document `value` of `model_field` refers to."""
    if isinstance(value, Model):
        yield type(value), value.pk
    elif value and hasattr(model_field, "extract_references"):  # StreamField, RichTextField
        for model, object_id, _path, _content_path in model_field.extract_references(value):
            yield model, object_id


def usable_ids(user, kind: str, ids: Iterable) -> set[int]:
    """Which of `ids` (of pages, images or documents) `user` may refer to."""
    ids = {int(pk) for pk in ids if str(pk).isdigit()}
    if user is not None and user.is_superuser:
        return ids
    if kind == "page":
        choosable = Page.objects.filter(chooser_pages_q(user), pk__in=ids)
        return set(choosable.values_list("pk", flat=True))
    model = get_image_model() if kind == "image" else get_document_model()
    own = permitted(model.objects.filter(pk__in=ids), user, ["choose"])
    return set(own.values_list("pk", flat=True)) | Visibility.anonymous().public_ids(model, ids)


def check_references(fields_by_form: list[tuple[forms.ModelForm, dict]], user) -> bool:
    """Add an error to each field that refers to something `user` may not use; `fields`
    maps a form's field names to their cleaned values. True when there was none (or no user:
    a form built by code, not by a person)."""
    if user is None:
        return True
    found: list[tuple[forms.ModelForm, str, str, int]] = []
    for form, values in fields_by_form:
        opts = form._meta.model._meta
        for name, value in values.items():
            try:
                model_field = opts.get_field(name)
            except FieldDoesNotExist:
                continue
            for model, object_id in _references(model_field, value):
                kind = _kind(model)
                if kind and str(object_id).isdigit():
                    found.append((form, name, kind, int(object_id)))
    wanted: dict[str, set[int]] = defaultdict(set)
    for _form, _name, kind, object_id in found:
        wanted[kind].add(object_id)
    usable = {kind: usable_ids(user, kind, ids) for kind, ids in wanted.items()}
    refused = [ref for ref in found if ref[3] not in usable[ref[2]]]
    reported = set()
    for form, name, kind, object_id in refused:
        if (id(form), name, kind, object_id) not in reported and name in form.fields:
            reported.add((id(form), name, kind, object_id))
            form.add_error(name, forms.ValidationError(MESSAGES[kind], params={"id": object_id}))
    return not refused


class ReferenceCheckMixin:
    """For Wagtail admin model forms (with `for_user`): after the form and its inline
    formsets are valid, every reference is checked (`check_references`)."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not hasattr(self, "cleaned_data"):
            return valid
        targets = [(self, dict(self.cleaned_data))]
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None)
                if data and not data.get("DELETE"):
                    targets.append((form, dict(data)))
        return check_references(targets, getattr(self, "for_user", None)) and valid


class ReferenceCheckedPageForm(ReferenceCheckMixin, AsciiSlugPageForm):
    """The base form of every page type: ASCII slugs (sites.slugs) and checked references."""


class ReferenceCheckedModelForm(ReferenceCheckMixin, WagtailAdminModelForm):
    """The base form of settings and snippets that refer to media or pages."""


def hidden_references(obj: Model) -> list[tuple[str, int]]:
    """(kind, id) of each page, image or document `obj` (its fields, inline children,
    StreamFields and rich text) refers to that the public may not see."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    wanted: dict[str, set[int]] = defaultdict(set)
    models: dict[str, type[Model]] = {}
    for content_type_id, object_id, *_paths in ReferenceIndex._extract_references_from_object(obj):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        kind = _kind(model) if model else None
        if kind and str(object_id).isdigit():
            wanted[kind].add(int(object_id))
            models[kind] = Page if kind == "page" else model
    visibility = Visibility.anonymous()
    hidden = []
    for kind, ids in wanted.items():
        public = visibility.public_ids(models[kind], ids)
        hidden += [(kind, pk) for pk in sorted(ids - public)]
    return hidden
