"""An idle worker's poll interval comes from the settings (django-tasks-db's 1 s doubled
publish → searchable), and `--interval` still wins."""

from workers.management.commands.db_worker import Command


def interval(*args: str) -> float:
    return (
        Command()
        .create_parser("manage.py", "db_worker")
        .parse_args(["--backend", "search", *args])
        .interval
    )


def test_the_default_interval_is_the_setting(settings):
    assert interval() == settings.TASKS_POLL_INTERVAL == 0.2
    settings.TASKS_POLL_INTERVAL = 0.5
    assert interval() == 0.5


def test_an_explicit_interval_wins():
    assert interval("--interval", "3") == 3
