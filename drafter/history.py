"""Undo and redo of changes made to several fields at once (replace all, quick fixes).

A field's own typing has its own undo in the field. This history holds the changes made
from outside the fields; each entry keeps every changed field's text before and after.
The history also keeps the session's edit counter right after its last change, undo or
redo (``synced``): when the counter has moved since, the user has typed after it, and the
field's own undo comes first.

An entry is undone field by field, and only where a field still holds the text the change
left: a field edited since keeps the newer text (and is counted as skipped).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.model import Arende
from drafter.replace import FieldChange, get_text, set_text

MAX_ENTRIES = 100
"""Undo steps kept; the oldest are dropped."""


@dataclass(frozen=True)
class Entry:
    """One undoable change."""

    label: str
    """What it was, in Swedish ("Ersätt alla ”skall”")."""
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Applied:
    """What :meth:`History.undo` or :meth:`History.redo` did."""

    entry: Entry
    changed: tuple[FieldChange, ...]
    """The fields set (as they were changed, ``before`` → ``after`` of the original)."""
    skipped: int
    """Fields left alone because they were edited since."""

    @property
    def sections(self) -> tuple[str | None, ...]:
        return tuple(dict.fromkeys(c.section for c in self.changed))


@dataclass
class History:
    """The undo and redo stacks of one editing session."""

    undo_stack: list[Entry] = field(default_factory=list)
    redo_stack: list[Entry] = field(default_factory=list)
    synced: int | None = None
    """The session's edit counter right after this history last changed the ärende."""

    def record(self, label: str, changes: tuple[FieldChange, ...]) -> None:
        """A change was made; the redo stack is dropped (a new branch)."""
        if not changes:
            return
        self.undo_stack.append(Entry(label, changes))
        del self.undo_stack[:-MAX_ENTRIES]
        self.redo_stack.clear()

    def sync(self, edits: int) -> None:
        """The session's counter once this history's change is counted (see ``synced``)."""
        self.synced = edits

    def can_undo(self, edits: int | None = None) -> bool:
        """An entry to undo; with ``edits``: and no typing since this history's last change."""
        return bool(self.undo_stack) and (edits is None or edits == self.synced)

    def can_redo(self, edits: int | None = None) -> bool:
        """An entry to redo; with ``edits``: and no typing since the last undo."""
        return bool(self.redo_stack) and (edits is None or edits == self.synced)

    def undo(self, arende: Arende) -> Applied | None:
        """Put back the texts of the last entry, in place (``None``: nothing to undo)."""
        if not self.undo_stack:
            return None
        entry = self.undo_stack.pop()
        applied = _apply(arende, entry, forward=False)
        if applied.changed:
            self.redo_stack.append(Entry(entry.label, applied.changed))
        return applied

    def redo(self, arende: Arende) -> Applied | None:
        """Make the last undone entry again, in place (``None``: nothing to redo)."""
        if not self.redo_stack:
            return None
        entry = self.redo_stack.pop()
        applied = _apply(arende, entry, forward=True)
        if applied.changed:
            self.undo_stack.append(Entry(entry.label, applied.changed))
        return applied


def _apply(arende: Arende, entry: Entry, *, forward: bool) -> Applied:
    changed: list[FieldChange] = []
    skipped = 0
    for change in entry.changes:
        expected, wanted = (
            (change.before, change.after) if forward else (change.after, change.before)
        )
        if get_text(arende, change.section, change.field) != expected:
            skipped += 1
            continue
        set_text(arende, change.section, change.field, wanted)
        changed.append(change)
    return Applied(entry, tuple(changed), skipped)
