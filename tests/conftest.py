"""Shared test setup: every test gets its own config and state folders.

Without this a test could read templates from, or write recovery drafts and locks into,
the real user folders of whoever runs the suite.
"""

from __future__ import annotations

import pytest
from hypothesis import settings

from drafter.templates import Template, find_template

# Hypothesis' per-example deadline is a wall-clock limit: on a machine whose cores are busy
# with other work it fails tests that are correct. Speed is measured in benchmarks/.
settings.register_profile("drafter", deadline=None)
settings.load_profile("drafter")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` first: pytest-xdist hands tests out in collection order, and
    a long test started last keeps the whole run waiting for one worker. (A stable sort:
    the order is the same in every worker, as xdist requires.)"""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture
def template() -> Template:
    """The built-in default template (tjansteskrivelse)."""
    return find_template("tjansteskrivelse").template
