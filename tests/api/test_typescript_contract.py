"""The contract check: TypeScript types generated from /api/schema/ with openapi-typescript
type-check a small front-end module (clients/typescript/src) that renders a procedure, a news
list, search results and a menu (`tsc --noEmit`). Node and the exact npm packages of
clients/typescript/package-lock.json come from `scripts/typescript-contract install`."""

import json
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "typescript-contract"


def type_check(schema: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    return subprocess.run(
        [str(SCRIPT), "check", str(path)], capture_output=True, text=True, timeout=900
    )


@pytest.fixture
def schema(client, world) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def test_the_front_end_module_type_checks_against_the_schema(schema, tmp_path):
    result = type_check(schema, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_fails_when_the_schema_loses_what_the_module_reads(schema, tmp_path):
    procedure = schema["components"]["schemas"]["procedures_ProcedurePage"]
    del procedure["properties"]["online_level_display"]
    procedure["required"].remove("online_level_display")
    result = type_check(schema, tmp_path)
    assert result.returncode != 0
    assert "online_level_display" in result.stdout + result.stderr
