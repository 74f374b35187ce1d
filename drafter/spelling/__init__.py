"""Swedish spelling: the Hunspell dictionary, word lists and the words a text is made of.

The STAV-1 check kind lives in :mod:`drafter.checks.spelling`; this package has no
Textual and no check registry in it, so the TUI and the CLI can use it directly:

* :func:`load`, :func:`load_async`, :func:`get_if_loaded` (see
  :mod:`drafter.spelling.dictionary`);
* :func:`set_mode`, :func:`get_mode` and :func:`using_mode` (see :mod:`drafter.spelling.mode`);
* the three word lists (:mod:`drafter.spelling.lists`);
* :func:`drafter.spelling.edit.apply_suggestion` for a chosen suggestion.

Importing this package loads nothing: the names below are looked up in their modules on
first use, so :mod:`drafter.templates` (which needs :mod:`.settings`) and
``drafter check --utan-stavning`` (which needs :mod:`.mode`) do not load the dictionary
module.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.spelling.dictionary import (
        MISSING_MESSAGE,
        Speller,
        State,
        get_if_loaded,
        load,
        load_async,
        start_loading,
        state,
    )
    from drafter.spelling.mode import Mode, get_mode, set_mode, using_mode

__all__ = [
    "MISSING_MESSAGE",
    "Mode",
    "Speller",
    "State",
    "get_if_loaded",
    "get_mode",
    "load",
    "load_async",
    "set_mode",
    "start_loading",
    "state",
    "using_mode",
]

_MODE_NAMES = frozenset({"Mode", "get_mode", "set_mode", "using_mode"})


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    home = "mode" if name in _MODE_NAMES else "dictionary"
    module = import_module(f"drafter.spelling.{home}")
    value = getattr(module, name)
    globals()[name] = value
    return value
