"""An editable list of rows (decision points, list items, signatures), one row per item."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from drafter.paste import list_items
from drafter.tui.keys import input_settled
from drafter.tui.messages import UndoUnavailable
from drafter.tui.widgets.add_row import AddRowButton
from drafter.tui.widgets.field import Field


class RowInput(Field):
    """A field inside a :class:`RowList` that knows its row and column.

    Enter and Backspace change the rows; they are priority bindings, so the app waits for
    them before it hands the next key to whichever row has the focus then (a fast typist's
    letters land in the new row, none in the old one, none lost).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "enter_row", "Ny rad", show=False, priority=True, id="rad.ny_under",
            tooltip="Ny rad under den här (eller nästa kolumn)",
        ),
        Binding(
            "backspace", "backspace_row", "Radera (tom rad tas bort)", show=False,
            priority=True, id="rad.radera", tooltip="Backsteg i en tom rad tar bort den",
        ),
        # Undo and redo wait, like Enter, for what was typed before them (and the keys
        # typed after an undo that brings a row back go to that row).
        Binding("ctrl+z", "undo", show=False, priority=True),
        Binding("ctrl+y", "redo", show=False, priority=True),
    ]  # fmt: skip

    def __init__(self, value: str, row: int, col: int, placeholder: str, list_id: str) -> None:
        super().__init__(
            value,
            field=f"{list_id}.{row}" if col == 0 else f"{list_id}.{row}.{col}",
            placeholder=placeholder,
            classes="row-input",
        )
        self.row = row
        self.col = col

    async def action_enter_row(self) -> None:
        owner = self._owner()
        if owner is not None:
            await owner.settle(self)
            await owner.enter_pressed(self)

    async def action_undo(self) -> None:  # type: ignore[override]
        await self._undo_or_redo(redo=False)

    async def action_redo(self) -> None:  # type: ignore[override]
        await self._undo_or_redo(redo=True)

    async def _undo_or_redo(self, *, redo: bool) -> None:
        """This row's own history first, then the list's row edits, then the screen's."""
        owner = self._owner()
        if owner is not None:
            await owner.settle(self)
        if self.read_only:
            return
        if redo and self.history.redo_stack:
            self.redo()
        elif not redo and self.history.undo_stack:
            self.undo()
        elif owner is not None and owner.can_undo(redo=redo):
            await owner.undo(redo=redo)
        else:
            self.post_message(UndoUnavailable(redo=redo))

    def action_cursor_up(self, select: bool = False) -> None:
        """↑ on the first line of a row goes to the row above (as in a text editor)."""
        owner = self._owner()
        at_top = self.navigator.is_first_wrapped_line(self.cursor_location)
        if owner is not None and not select and at_top and self.row > 0:
            owner.focus_row(self.row - 1, self.col)
            return
        super().action_cursor_up(select)

    def action_cursor_down(self, select: bool = False) -> None:
        """↓ on the last line of a row goes to the row below."""
        owner = self._owner()
        at_bottom = self.navigator.is_last_wrapped_line(self.cursor_location)
        if owner is not None and not select and at_bottom and self.row < len(owner.data) - 1:
            owner.focus_row(self.row + 1, self.col)
            return
        super().action_cursor_down(select)

    async def action_backspace_row(self) -> None:
        owner = self._owner()
        if owner is not None:
            await owner.settle(self)
        if owner is not None and self.text == "" and owner.row_is_empty(self.row):
            await owner.remove_row(self.row, focus_previous=True)
            return
        self.action_delete_left()

    def insert_pasted(self, text: str) -> None:
        """One row per pasted line (list markers dropped, a word split by a hyphen at a
        line end rejoined); a single line goes into this row. Undone in one step."""
        lines = list_items(text)
        owner = self._owner()
        if len(lines) <= 1 or owner is None:
            self.put_text(" ".join(lines))
            return
        # This field's text is the truth now (its last Changed may still be on the way).
        owner.data[self.row][self.col] = self.text
        owner.record(exact=(self.row,))
        self.put_text(lines[0])
        owner.data[self.row][self.col] = self.text  # before the rows below are synced
        owner.call_later(owner.insert_rows, self.row + 1, lines[1:], record=False)

    def _owner(self) -> RowList | None:
        for node in self.ancestors:
            if isinstance(node, RowList):
                return node
        return None


UNDO_DEPTH = 100
"""Structural edits (rows added, removed, moved, pasted) a row list can undo."""

Snapshot = tuple[list[tuple[int, list[str]]], frozenset[int], tuple[int, int]]
"""The rows (each row's id and values), the ids of the rows whose values an undo puts
back as they were, and the (row, column) of the focus."""


class RowList(Vertical):
    """Rows of one or more fields, with add, remove and move.

    Keys: Enter adds a row below (or goes to the next column); Backspace in an empty row
    removes it; Alt+↑/↓ (or Ctrl+↑/↓) move the row; Alt+Delete removes it.

    Adding, removing, moving and pasting rows are undoable: the list keeps the rows as
    they were before each such edit. Ctrl+Z in a row first undoes what was typed there;
    when that field has nothing left to undo it posts :class:`UndoUnavailable`, and the
    list undoes its last structural edit (Ctrl+Y redoes it). A structural edit starts
    the fields' own histories anew, so undo goes back in the order things were done.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n", "add_row", "Ny rad", show=False, priority=True, id="rad.ny",
            tooltip="Lägg till en rad under den aktuella",
        ),
        Binding(
            "alt+delete", "remove_row", "Ta bort rad", show=False, priority=True,
            id="rad.ta_bort", tooltip="Ta bort raden du står i",
        ),
        Binding(
            "alt+up,ctrl+up", "move(-1)", "Flytta upp", show=False, priority=True,
            id="rad.upp", tooltip="Flytta raden uppåt",
        ),
        Binding(
            "alt+down,ctrl+down", "move(1)", "Flytta ner", show=False, priority=True,
            id="rad.ner", tooltip="Flytta raden nedåt",
        ),
    ]  # fmt: skip

    class Changed(Message):
        """The rows changed (values, order or count)."""

        def __init__(self, row_list: RowList) -> None:
            super().__init__()
            self.row_list = row_list

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(
        self,
        rows: list[list[str]],
        columns: list[str],
        *,
        marker: str = "numbered",
        add_label: str = "Lägg till rad",
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(id=id, classes="row-list")
        self.columns = columns
        self.marker = marker
        self.add_label = add_label
        self.data: list[list[str]] = [list(r) for r in rows] or [[""] * len(columns)]
        self._next_id = 0
        self._ids: list[int] = [self._new_id() for _ in self.data]
        """A stable id per row (parallel to ``data``): an undo puts back the order and the
        rows that were removed, and keeps what was typed since into the other rows."""
        self._undo: list[Snapshot] = []
        self._redo: list[Snapshot] = []

    # ------------------------------------------------------------------ compose

    def compose(self) -> ComposeResult:
        yield Vertical(*[self._make_row(i) for i in range(len(self.data))], classes="rows")
        yield AddRowButton(f"+ {self.add_label}")

    def _marker_text(self, index: int) -> str:
        return f"{index + 1}." if self.marker == "numbered" else "–"

    def _make_row(self, index: int) -> Horizontal:
        inputs = [
            RowInput(self.data[index][c], index, c, placeholder, self.id or "rader")
            for c, placeholder in enumerate(self.columns)
        ]
        return Horizontal(
            Static(self._marker_text(index), classes="row-marker"), *inputs, classes="row"
        )

    @property
    def _rows_container(self) -> Vertical:
        return self.query_one(".rows", Vertical)

    def inputs(self, row: int) -> list[RowInput]:
        rows = list(self._rows_container.query(".row").results(Horizontal))
        if not 0 <= row < len(rows):
            return []
        return list(rows[row].query(RowInput))

    # ------------------------------------------------------------------ data

    def values(self) -> list[list[str]]:
        return [list(r) for r in self.data]

    def row_is_empty(self, row: int) -> bool:
        return 0 <= row < len(self.data) and not any(v.strip() for v in self.data[row])

    async def _sync(self) -> None:
        """Make the widgets show ``self.data`` (add or remove rows at the end)."""
        container = self._rows_container
        rows = list(container.query(".row").results(Horizontal))
        for extra in rows[len(self.data) :]:
            await extra.remove()
        if len(rows) < len(self.data):
            await container.mount_all([self._make_row(i) for i in range(len(rows), len(self.data))])
        for r in range(len(self.data)):
            for inp in self.inputs(r):
                if inp.text != self.data[r][inp.col]:
                    inp.value = self.data[r][inp.col]

    def focus_row(self, row: int, col: int = 0) -> None:
        """Focus a row now (not after the keys already waiting: they go to the new row)."""
        row = max(0, min(row, len(self.data) - 1))
        inputs = self.inputs(row)
        if inputs:
            self.screen.set_focus(inputs[min(col, len(inputs) - 1)])

    async def settle(self, focused: RowInput) -> None:
        """Let what was typed into ``focused`` reach :attr:`data` before rows change."""
        await input_settled(focused, self)

    def _changed(self) -> None:
        self.post_message(self.Changed(self))

    # ------------------------------------------------------------------ undo

    def _focus_position(self) -> tuple[int, int]:
        focused = self.screen.focused
        if isinstance(focused, RowInput) and focused in self.query(RowInput):
            return focused.row, focused.col
        return 0, 0

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _rows(self) -> list[tuple[int, list[str]]]:
        return [(row_id, list(values)) for row_id, values in zip(self._ids, self.data, strict=True)]

    def record(self, exact: tuple[int, ...] = ()) -> None:
        """Remember the rows as they are, before a structural edit (for Ctrl+Z); the
        values of the rows at the indexes ``exact`` are put back too (a paste into a row)."""
        ids = frozenset(self._ids[i] for i in exact if 0 <= i < len(self._ids))
        self._undo.append((self._rows(), ids, self._focus_position()))
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()

    def _fresh_histories(self) -> None:
        """After a structural edit, Ctrl+Z in any row undoes that edit first."""
        for field in self.query(RowInput):
            field.history.clear()

    def can_undo(self, *, redo: bool = False) -> bool:
        """Whether there is a structural edit to undo (redo)."""
        return bool(self._redo if redo else self._undo) and not self.read_only

    @property
    def read_only(self) -> bool:
        """The file is open read-only: the rows can be read, not changed."""
        return any(field.read_only for field in self.query(RowInput))

    async def undo(self, redo: bool = False) -> bool:
        """Undo (redo) the last structural edit; False when there is none."""
        source, target = (self._redo, self._undo) if redo else (self._undo, self._redo)
        if not source or self.read_only:
            return False
        rows, exact, (row, col) = source.pop()
        target.append((self._rows(), exact, self._focus_position()))
        current = dict(zip(self._ids, self.data, strict=True))
        self._ids = [row_id for row_id, _ in rows]
        self.data = [
            list(values) if row_id in exact or row_id not in current else current[row_id]
            for row_id, values in rows
        ]
        await self._sync()
        self._fresh_histories()
        self.focus_row(row, col)
        self._changed()
        return True

    @on(UndoUnavailable)
    async def _undo_unavailable(self, event: UndoUnavailable) -> None:
        if self.can_undo(redo=event.redo):
            event.stop()
            await self.undo(redo=event.redo)

    # ------------------------------------------------------------------ operations

    async def add_row(self, after: int | None = None, values: list[str] | None = None) -> None:
        if self.read_only:
            return
        index = len(self.data) if after is None else after + 1
        self.record()
        self.data.insert(index, values or [""] * len(self.columns))
        self._ids.insert(index, self._new_id())
        await self._sync()
        self._fresh_histories()
        self.focus_row(index)
        self._changed()

    async def insert_rows(
        self, index: int, first_column_values: list[str], *, record: bool = True
    ) -> None:
        if self.read_only:
            return
        if record:
            self.record()
        for offset, value in enumerate(first_column_values):
            row = [""] * len(self.columns)
            row[0] = value
            self.data.insert(index + offset, row)
            self._ids.insert(index + offset, self._new_id())
        await self._sync()
        self._fresh_histories()
        self.focus_row(index + len(first_column_values) - 1)
        self._changed()

    async def remove_row(self, row: int, focus_previous: bool = False) -> None:
        if not 0 <= row < len(self.data) or self.read_only:
            return
        if len(self.data) == 1 and self.row_is_empty(0):
            return  # the only row, already empty: nothing to remove (or to undo)
        if len(self.data) == 1:
            self.record(exact=(0,))  # the only row is emptied, not removed
            self.data[0] = [""] * len(self.columns)
        else:
            self.record()
            del self.data[row]
            del self._ids[row]
        await self._sync()
        self._fresh_histories()
        target = row - 1 if focus_previous and row > 0 else min(row, len(self.data) - 1)
        self.focus_row(target, col=len(self.columns) - 1 if focus_previous else 0)
        if focus_previous:
            for inp in self.inputs(target)[-1:]:
                inp.action_field_end()
        self._changed()

    async def move_row(self, row: int, delta: int) -> None:
        target = row + delta
        if not (0 <= row < len(self.data) and 0 <= target < len(self.data)) or self.read_only:
            return
        self.record()
        self.data[row], self.data[target] = self.data[target], self.data[row]
        self._ids[row], self._ids[target] = self._ids[target], self._ids[row]
        focused = self.screen.focused
        col = focused.col if isinstance(focused, RowInput) else 0
        await self._sync()
        self._fresh_histories()
        self.focus_row(target, col)
        self._changed()

    # ------------------------------------------------------------------ actions

    async def _settled_row(self) -> int | None:
        """The focused row, once what was typed into it is in :attr:`data`."""
        focused = self.screen.focused
        if not isinstance(focused, RowInput) or focused not in self.query(RowInput):
            return None
        await self.settle(focused)
        return focused.row

    async def action_move(self, delta: int) -> None:
        row = await self._settled_row()
        if row is not None:
            await self.move_row(row, delta)

    async def action_add_row(self) -> None:
        row = await self._settled_row()
        await self.add_row(len(self.data) - 1 if row is None else row)

    async def action_remove_row(self) -> None:
        row = await self._settled_row()
        if row is not None:
            await self.remove_row(row)

    # ------------------------------------------------------------------ events

    @on(TextArea.Changed, ".row-input")
    def _input_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        inp = event.text_area
        assert isinstance(inp, RowInput)
        text = inp.text
        if inp.row >= len(self.data) or self.data[inp.row][inp.col] == text:
            return
        self.data[inp.row][inp.col] = text
        self._redo.clear()  # typed after an undo: the undone rows stay undone
        self._changed()

    async def enter_pressed(self, inp: RowInput) -> None:
        """Enter: the next column, a new row below, or out of the list after an empty last row."""
        if inp.col < len(self.columns) - 1:
            self.focus_row(inp.row, inp.col + 1)
        elif inp.row == len(self.data) - 1 and self.row_is_empty(inp.row) and inp.row > 0:
            self.screen.focus_next()  # Enter on an empty last row leaves the list
        else:
            await self.add_row(inp.row)
