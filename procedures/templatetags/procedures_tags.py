from django import template

from ..models import DossierComponent

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """50000 -> "50.000 đồng" (Vietnamese groups thousands with dots)."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", ".") + " đồng"


@register.filter
def dossier_groups(components) -> list[dict]:
    """Dossier rows grouped by their case, in order: each group's documents and notes."""
    groups: dict[str, dict] = {}
    for component in components:
        group = groups.setdefault(
            component.case, {"case": component.case, "documents": [], "notes": []}
        )
        group["notes" if component.kind == DossierComponent.Kind.NOTE else "documents"].append(
            component
        )
    return list(groups.values())
