"""A newcomer's first contact: HEAD cloned into an empty folder with nothing beside it, then the
README's `make run`, on a database and an index prefix of its own. The demo must be served by
Host with its real content, and a second `make run` must keep the data.

Only the virtualenv is shared (VENV=…): `make` still checks it against the clone's
requirements; everything else — data, settings, scripts — comes from the clone alone.
"""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings

from search.client import get_client
from tests.ports import free_port

ROOT = Path(settings.BASE_DIR)
STARTUP_TIMEOUT = 20 * 60  # a fresh demo on a loaded 2-core machine
DOMAIN = "bacninh.localhost"


@dataclass
class Newcomer:
    checkout: Path
    port: int
    env: dict[str, str]
    log: Path

    def get(self, host: str, path: str) -> requests.Response:
        return requests.get(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Host": f"{host}:{self.port}"},
            timeout=60,
        )

    def make_run(self) -> tuple[subprocess.Popen, float]:
        """`make run` until it serves; the process group and the seconds it took."""
        started = time.monotonic()
        with self.log.open("ab") as log:
            process = subprocess.Popen(
                ["make", "run"],
                cwd=self.checkout,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        while time.monotonic() - started < STARTUP_TIMEOUT:
            if process.poll() is not None:
                pytest.fail(f"make run exited with {process.returncode}:\n{self.tail()}")
            try:
                if self.get(DOMAIN, "/").status_code == 200:
                    return process, time.monotonic() - started
            except requests.ConnectionError:
                pass
            time.sleep(2)
        stop(process)
        pytest.fail(f"make run did not serve within {STARTUP_TIMEOUT} s:\n{self.tail()}")

    def tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-60:])


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory) -> Iterator[Newcomer]:
    folder = tmp_path_factory.mktemp("fresh")  # empty: no shared/ beside the clone
    checkout = folder / "cms"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True)
    assert sorted(path.name for path in folder.iterdir()) == ["cms"]
    name = f"newcomer_{uuid.uuid4().hex[:8]}"
    port = free_port(range(8700, 8800))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "ELASTICSEARCH_INDEX_PREFIX"}
    }
    env |= {
        "VENV": str(Path(sys.executable).parent.parent),
        "DEV_DB": f"cms_{name}",
        "ELASTICSEARCH_INDEX_PREFIX": f"cms-{name.replace('_', '-')}",
        "PORT": str(port),
        "HOST": "127.0.0.1",
    }
    newcomer = Newcomer(checkout, port, env, folder / "make-run.log")
    try:
        yield newcomer
    finally:
        subprocess.run(
            ["scripts/postgres", "drop"],
            cwd=checkout,
            env={**env, "PG_DB": env["DEV_DB"]},
            check=False,
            capture_output=True,
        )
        get_client().indices.delete(
            index=f"{env['ELASTICSEARCH_INDEX_PREFIX']}-*", ignore_unavailable=True
        )


def test_a_fresh_clone_runs_the_demo_and_keeps_its_data(newcomer):
    server, first = newcomer.make_run()
    try:
        portal = newcomer.get(DOMAIN, "/")
        assert "Cổng thông tin điện tử tỉnh Bắc Ninh" in portal.text
        agency = newcomer.get(f"stttt.{DOMAIN}", "/")
        assert agency.status_code == 200 and "Sở Thông tin và Truyền thông" in agency.text

        # The 2013 article, on its agency's site.
        news = newcomer.get(f"stttt.{DOMAIN}", "/api/v2/pages/?type=news.NewsPage").json()
        article = next(i for i in news["items"] if i["title"].startswith("Ban Chỉ đạo Công nghệ"))
        page = newcomer.get(f"stttt.{DOMAIN}", "/" + article["meta"]["html_url"].split("/", 3)[3])
        assert page.status_code == 200 and "Quý II" in page.text

        # A procedure of the national record: its code, what to bring, its fees.
        ward = f"pkinhbac.{DOMAIN}"
        birth = newcomer.get(ward, "/thu-tuc-hanh-chinh/dang-ky-khai-sinh/")
        assert birth.status_code == 200
        text = " ".join(re.sub(r"<[^>]+>", " ", birth.text).split())
        assert "1.001193" in text and "Giấy chứng sinh" in text
        assert "Phí, lệ phí Không thu phí, lệ phí." in text
        assert 'class="online-service"' in birth.text
        copy = newcomer.get(ward, "/thu-tuc-hanh-chinh/cap-ban-sao-trich-luc-ho-tich/")
        assert "8.000 đồng" in copy.text
    finally:
        stop(server)

    server, second = newcomer.make_run()
    try:
        again = newcomer.get(f"stttt.{DOMAIN}", "/api/v2/pages/?type=news.NewsPage").json()
        assert [i["id"] for i in again["items"]] == [i["id"] for i in news["items"]]
    finally:
        stop(server)
    print(f"make run from a fresh clone: first {first:.0f} s, second {second:.0f} s")
