"""drafter: terminal drafting assistant for Swedish tjänsteskrivelser.

The package is split in a headless core (no Textual import) and two thin front ends:

- core: :mod:`drafter.model`, :mod:`drafter.templates`, :mod:`drafter.checks`,
  :mod:`drafter.render`, :mod:`drafter.storage`
- front ends: :mod:`drafter.cli` (shell) and :mod:`drafter.tui` (Textual app)
"""

import os

__version__ = "0.1.0"

#: Version of the ärende file format this drafter reads and writes (the ``format`` key).
FORMAT_VERSION = 1

# drafter uses no pydantic plugins. Without this, building its first model reads the entry
# points of every installed distribution to look for some (callgrind: 16 M instructions, about
# 4 ms, at every start of the TUI and of `drafter check`). A value the user set is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
