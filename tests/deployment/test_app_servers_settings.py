"""cms.settings.production with several app servers declared (APP_SERVERS): they share state
only through Redis, so production refuses to start without REDIS_URL when more than one is
declared; a single server may run without it. Each case runs manage.py in a subprocess, as
an operator would."""

import pytest

from .test_production_settings import manage


def test_several_app_servers_without_redis_refuse_to_start():
    done = manage("check", APP_SERVERS="2", REDIS_URL="")
    assert done.returncode != 0
    assert "ImproperlyConfigured: APP_SERVERS=2 needs REDIS_URL" in done.stderr


@pytest.mark.parametrize("env", [{"APP_SERVERS": "2"}, {"APP_SERVERS": "1", "REDIS_URL": ""}])
def test_several_servers_with_redis_or_one_without_start(env):
    done = manage("check", **env)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("servers", ["0", "hai"])
def test_a_nonsense_number_of_app_servers_is_refused(servers):
    done = manage("check", APP_SERVERS=servers)
    assert done.returncode != 0
    assert "ImproperlyConfigured: APP_SERVERS must be" in done.stderr
