"""The two provisioned agencies of tests/sites, with a user per editorial role."""

from tests.sites.conftest import _module_agencies, agencies  # noqa: F401
