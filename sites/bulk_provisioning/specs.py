"""The specs of a batch, and the errors of invalid or conflicting ones."""

import dataclasses
from dataclasses import dataclass

from ..models import Agency
from ..provisioning import ProvisioningError


@dataclass(frozen=True)
class SiteSpec:
    """The arguments of `provision_agency_site` for one site. `parent` may also be the slug
    of an existing agency or of an earlier spec of the same batch."""

    name: str
    slug: str
    hostname: str
    port: int = 80
    kind: str = Agency.Kind.DEPARTMENT
    short_name: str = ""
    parent: Agency | str | None = None
    is_default: bool = False

    def service_kwargs(self, parent: Agency | None) -> dict:
        """The keyword arguments of `provision_agency_site`, with the parent resolved."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)} | {
            "parent": parent
        }


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based, as in the input file
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, field {self.field}: {self.reason}"


class BatchProvisioningError(ProvisioningError):
    """Some specs are invalid or conflict; nothing was written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))
