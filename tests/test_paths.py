"""drafter.paths: the user's folders are where platformdirs says, also without importing it."""

from __future__ import annotations

import sys

import pytest
from platformdirs import user_config_path, user_state_path

from drafter import paths

ENVIRONMENTS: list[dict[str, str | None]] = [
    {"XDG_CONFIG_HOME": None, "XDG_STATE_HOME": None, "HOME": "/home/anna"},
    {"XDG_CONFIG_HOME": None, "XDG_STATE_HOME": None, "HOME": "/home/anna/"},
    {"XDG_CONFIG_HOME": None, "XDG_STATE_HOME": None, "HOME": "/"},
    {"XDG_CONFIG_HOME": "/tmp/cfg", "XDG_STATE_HOME": "/tmp/state", "HOME": "/home/anna"},
    {"XDG_CONFIG_HOME": "/tmp/cfg/", "XDG_STATE_HOME": "/tmp/state/", "HOME": "/home/anna"},
    {"XDG_CONFIG_HOME": "relativ", "XDG_STATE_HOME": "relativ", "HOME": "/home/anna"},
    {"XDG_CONFIG_HOME": "", "XDG_STATE_HOME": " ", "HOME": "/home/anna"},
    {"XDG_CONFIG_HOME": "/tmp/cfg", "XDG_STATE_HOME": None, "HOME": "relativ"},
    {"XDG_CONFIG_HOME": None, "XDG_STATE_HOME": None, "HOME": "relativ"},
    {"XDG_CONFIG_HOME": None, "XDG_STATE_HOME": None, "HOME": None},
]


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_user_folders_are_platformdirs_answers(
    env: dict[str, str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DRAFTER_CONFIG_DIR", raising=False)
    monkeypatch.delenv("DRAFTER_STATE_DIR", raising=False)
    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert paths.user_config_dir() == user_config_path("drafter", appauthor=False)
    assert paths.user_templates_dir() == user_config_path("drafter", appauthor=False) / "mallar"
    assert paths.user_state_dir() == user_state_path("drafter", appauthor=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is for Linux")
def test_linux_with_a_home_needs_no_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAFTER_CONFIG_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", "/home/anna")
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # importing it would fail
    assert paths.user_templates_dir().as_posix() == "/home/anna/.config/drafter/mallar"


def test_overrides_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CONFIG_DIR", "/srv/drafter")
    monkeypatch.setenv("DRAFTER_STATE_DIR", "/srv/state")
    assert paths.user_templates_dir().as_posix() == "/srv/drafter/mallar"
    assert paths.user_state_dir().as_posix() == "/srv/state"
