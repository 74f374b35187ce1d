"""Shared test setup: every test gets its own config and state folders.

Without this a test could read templates from, or write recovery drafts and locks into,
the real user folders of whoever runs the suite.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DRAFTER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(tmp_path_factory.mktemp("state")))
