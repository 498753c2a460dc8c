"""Serializer fields worked out once per serializer class.

Kept apart from api.fields, which imports the page models: the models' own serializers
(procedures.serializers) use it too."""

import copy

from rest_framework.fields import DictField, Field, ListField
from rest_framework.relations import ManyRelatedField
from rest_framework.serializers import BaseSerializer

# Fields that hold bound fields of their own: copied deeply, as DRF copies every field.
NESTING = (ListField, DictField, ManyRelatedField, BaseSerializer)


def _fresh_copy(field: Field) -> Field:
    """A field ready to be bound to another serializer: binding sets a field's only
    per-serializer state (name, parent, source), so a shallow copy serves."""
    if isinstance(field, NESTING):
        return copy.deepcopy(field)
    fresh = object.__new__(type(field))
    fresh.__dict__.update(field.__dict__)
    return fresh


class FieldsPerClass:
    """DRF works a model serializer's fields out (model introspection, then a new field per
    column) for every instance, i.e. for every page, image and inline object a response
    shows. They depend on the class alone: worked out once per class, then copied."""

    def get_fields(self):
        cls = type(self)
        template = cls.__dict__.get("_fields_template")
        if template is None:
            template = cls._fields_template = super().get_fields()
        return {name: _fresh_copy(field) for name, field in template.items()}
