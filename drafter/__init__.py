"""drafter: terminal drafting assistant for Swedish tjänsteskrivelser.

The package is split in a headless core (no Textual import) and two thin front ends:

- core: :mod:`drafter.model`, :mod:`drafter.templates`, :mod:`drafter.checks`,
  :mod:`drafter.render`, :mod:`drafter.storage`
- front ends: :mod:`drafter.cli` (shell) and :mod:`drafter.tui` (Textual app)
"""

__version__ = "0.1.0"

#: Version of the ärende file format this drafter reads and writes (the ``format`` key).
FORMAT_VERSION = 1
