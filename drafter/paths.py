"""Where drafter looks for templates and keeps user state. One place for all paths."""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path

APP_NAME = "drafter"


def _xdg_user_dir(env_var: str, default: str) -> Path | None:
    """What platformdirs answers on Linux for a user folder, without importing it; ``None``
    where its answer could depend on more (another platform, Android, no absolute
    ``$HOME``): the caller asks platformdirs then.

    Importing platformdirs costs about 10 M instructions (callgrind), 1.3 % of a
    ``drafter check``. With its defaults it answers ``$XDG_..._HOME/drafter`` when that
    variable is an absolute path, else ``~/.config/drafter`` (or ``~/.local/state/…``)
    expanded by :func:`os.path.expanduser` when ``$HOME`` is absolute;
    ``tests/test_paths.py`` compares the two.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if "ANDROID_DATA" in os.environ or "ANDROID_ROOT" in os.environ:
        return None
    xdg = os.environ.get(env_var, "")
    if posixpath.isabs(xdg):
        return Path(os.path.join(xdg, APP_NAME))
    if not posixpath.isabs(os.environ.get("HOME", "")):
        return None
    return Path(os.path.join(os.path.expanduser(default), APP_NAME))


def builtin_templates_dir() -> Path:
    """The shipped templates: ``drafter/_sections`` in a wheel, ``sections/`` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_sections"
    if packaged.is_dir():
        return packaged
    return here.parent / "sections"


def stored_template_path(template: Path, arende: Path) -> str:
    """How an ärende at ``arende`` names the template file ``template`` in its ``mall`` key.

    Relative to the ärende's folder, with ``/`` on every platform: that is where
    ``load_arende`` looks for it, whatever the working directory was when it was created.
    """
    relative = os.path.relpath(template.resolve(), arende.resolve().parent)
    return Path(relative).as_posix()


def user_config_dir() -> Path:
    """The user's config folder (``$DRAFTER_CONFIG_DIR`` overrides platformdirs)."""
    override = os.environ.get("DRAFTER_CONFIG_DIR")
    if override:
        return Path(override)
    found = _xdg_user_dir("XDG_CONFIG_HOME", "~/.config")
    if found is not None:
        return found
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def user_templates_dir() -> Path:
    """The user's own templates: ``<config dir>/mallar``."""
    return user_config_dir() / "mallar"


def user_state_dir() -> Path:
    """Recovery files, locks and other state (``$DRAFTER_STATE_DIR`` overrides)."""
    override = os.environ.get("DRAFTER_STATE_DIR")
    if override:
        return Path(override)
    found = _xdg_user_dir("XDG_STATE_HOME", "~/.local/state")
    if found is not None:
        return found
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)
