"""Choice lists as named enums, with their Vietnamese labels: `x-enum-descriptions` (one per
value, the convention code generators read) and the description. The same choices give the
`<field>_display` labels in responses (api.choices)."""

from django.db import models

from ..choices import CHOICE_PROPERTIES, choices_of

REF = "#/components/schemas/"


def enum_schema(choices, description: str = "") -> dict:
    values = [value for value, _label in choices]
    labels = [str(label) for _value, label in choices]
    lines = "; ".join(f"`{value}`: {label}" for value, label in zip(values, labels, strict=True))
    return {
        "type": "string",
        "enum": values,
        "x-enum-descriptions": labels,
        "description": f"{description} {lines}".strip(),
    }


def enum_name(model: type[models.Model], name: str) -> str:
    for (owner, prop), choices in CHOICE_PROPERTIES.items():
        if prop == name and issubclass(model, owner):
            return choices.__name__
    return model.__name__ + "".join(part.capitalize() for part in name.split("_"))


def enum_ref(components: dict, model: type[models.Model], name: str) -> dict | None:
    """A reference to the enum of `model.name` (registered in `components`), or None when
    the field has no choices."""
    choices = choices_of(model, name)
    if choices is None:
        return None
    component = enum_name(model, name)
    if component not in components:
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except Exception:
            label = name
        components[component] = enum_schema(choices, f"{label[:1].upper()}{label[1:]}.")
    return {"$ref": REF + component}
