"""The OpenAPI 3.1 document of the API, generated from the page models' api_fields."""

from .build import build_schema

__all__ = ["build_schema"]
