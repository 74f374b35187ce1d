"""Swedish spelling: the Hunspell dictionary, word lists and the words a text is made of.

The STAV-1 check kind lives in :mod:`drafter.checks.spelling`; this package has no
Textual and no check registry in it, so the TUI and the CLI can use it directly:

* :func:`load`, :func:`load_async`, :func:`get_if_loaded`, :func:`set_mode` and
  :func:`using_mode` (see :mod:`drafter.spelling.dictionary`);
* the three word lists (:mod:`drafter.spelling.lists`);
* :func:`drafter.spelling.edit.apply_suggestion` for a chosen suggestion.

Importing this package is cheap: nothing is loaded until a function is called.
"""

from __future__ import annotations

from drafter.spelling.dictionary import (
    MISSING_MESSAGE,
    Mode,
    Speller,
    State,
    get_if_loaded,
    get_mode,
    load,
    load_async,
    set_mode,
    start_loading,
    state,
    using_mode,
)

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
