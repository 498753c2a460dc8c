"""Fixtures for the procedure tests: procedure indexes on both demo sites, a sector, a factory."""

from collections.abc import Callable
from pathlib import Path

import pytest

from demo.content import DATA_DIR
from procedures.models import ProcedureIndexPage, ProcedurePage, Sector


@pytest.fixture
def sample_file() -> Path:
    path = DATA_DIR / "procedures" / "procedures-full.json"
    assert path.is_file(), f"sample file missing: {path}"
    return path


def _index(site) -> ProcedureIndexPage:
    index = ProcedureIndexPage(title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh")
    site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def portal_index(two_sites) -> ProcedureIndexPage:
    return _index(two_sites[0])


@pytest.fixture
def agency_index(two_sites) -> ProcedureIndexPage:
    return _index(two_sites[1])


@pytest.fixture
def sector(db) -> Sector:
    return Sector.objects.create(name="Hộ tịch", code="HT")


@pytest.fixture
def make_procedure(sector) -> Callable[..., ProcedurePage]:
    def make(index: ProcedureIndexPage, code: str, **fields) -> ProcedurePage:
        values = {
            "title": f"Thủ tục {code}",
            "slug": f"thu-tuc-{code.lower().replace('.', '-')}",
            "code": code,
            "sector": sector,
            "level_commune": True,
            "implementing_agency": "UBND cấp xã",
            **fields,
        }
        page = ProcedurePage(**values)
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make
