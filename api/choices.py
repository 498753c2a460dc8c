"""Vietnamese labels of choice values: every choice field of a page or of its inline objects
comes with `<field>_display`, so that front-ends never hard-code the labels. The schema
(api.schema) declares the same choices as enums."""

from functools import cache, lru_cache

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import get_language

from procedures.choices import Level
from procedures.models import ProcedurePage

# Properties whose values are keys of a choice list (model fields declare their own).
CHOICE_PROPERTIES: dict[tuple[type[models.Model], str], type[models.Choices]] = {
    (ProcedurePage, "levels"): Level,
}


@cache
def choices_of(model: type[models.Model], name: str) -> tuple[tuple[str, str], ...] | None:
    """The (value, label) pairs of a model's choice field or choice-valued property."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        for (owner, prop), choices in CHOICE_PROPERTIES.items():
            if prop == name and issubclass(model, owner):
                return tuple(choices.choices)
        return None
    if not getattr(field, "choices", None) or field.is_relation:
        return None
    return tuple(field.flatchoices)


@lru_cache(maxsize=1024)
def labels_of(model: type[models.Model], name: str, language: str | None) -> dict | None:
    """A choice field's labels in one language, translated once rather than per value."""
    choices = choices_of(model, name)
    return None if choices is None else {value: str(text) for value, text in choices}


def label(labels: dict[str, str], value) -> str | None:
    return None if value is None else labels.get(value, "")


def with_labels(data: dict, model: type[models.Model]) -> dict:
    """`data` with `<name>_display` after each choice value (a list for list values)."""
    language = get_language()
    result = {}
    for name, value in data.items():
        result[name] = value
        labels = labels_of(model, name, language)
        if labels is None or f"{name}_display" in data:
            continue
        if isinstance(value, list):
            result[f"{name}_display"] = [label(labels, item) for item in value]
        else:
            result[f"{name}_display"] = label(labels, value)
    return result
