"""One editor widget per section kind. Editors write into the model and post SectionChanged."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static, TextArea

from drafter.model import (
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.templates import SectionDef
from drafter.text import default_lead_in, printable
from drafter.tui.keys import hint
from drafter.tui.messages import SectionChanged
from drafter.tui.session import (
    HEADER_STEP,
    HEADER_TITLE,
    Session,
)
from drafter.tui.widgets.field import Field
from drafter.tui.widgets.marked import MarkedTextArea
from drafter.tui.widgets.rows import RowInput, RowList

ROW_KEYS = " · ".join(
    (
        hint(RowInput, ["rad.ny_under"]),
        hint(RowList, ["rad.upp", "rad.ner", "rad.ta_bort"]),
        hint(MarkedTextArea, ["fält.angra"]),
    )
)
"""The keys of a list, shown above it (written from the bindings)."""


class StepEditor(VerticalScroll):
    """Base class: the editor of one step."""

    def __init__(self, session: Session, step_id: str) -> None:
        super().__init__(id=f"ed-{step_id}", classes="step-editor")
        self.session = session
        self.step_id = step_id

    def changed(self) -> None:
        """Tell the screen that the model of this step changed."""
        if self.session.read_only:
            return
        self.session.mark_changed()
        self.post_message(SectionChanged(self.step_id))

    def set_read_only(self) -> None:
        """Show the content but accept no edits (another drafter has the file open).

        Text areas stay focusable for reading and scrolling; inputs and buttons are disabled.
        """
        for area in self.query(TextArea):
            area.read_only = True
        for widget in self.query("Input, RadioSet, Button, LightButton"):
            widget.disabled = True

    def focus_field(self, field: str | None) -> None:
        """Focus the widget for a ``Finding.field`` (the first input when unknown)."""
        self.focus_first()

    def focus_first(self) -> None:
        for widget in self.query("Input, TextArea, RadioSet").results(Widget):
            if widget.focusable:
                widget.focus()
                return

    def activated(self) -> None:
        """Called when the step is opened."""

    def help_for(self, widget: Widget | None) -> tuple[str, str]:
        """(title, help text) for the focused widget; F1 shows it in full."""
        return self.step_id, ""


class SectionEditor(StepEditor):
    """An editor for a template section."""

    def __init__(self, session: Session, section: SectionDef) -> None:
        super().__init__(session, section.id)
        self.section = section

    def help_for(self, widget: Widget | None) -> tuple[str, str]:
        return self.section.heading, self.section.help_text


# --------------------------------------------------------------------------- header


class HeaderEditor(StepEditor):
    """The header fields (Uppgifter om ärendet), one :class:`Field` per field."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, HEADER_STEP)

    def compose(self) -> ComposeResult:
        for fld in self.session.template.fields:
            mark = " *" if fld.required else ""
            with Vertical(classes="field"):
                yield Static(printable(f"{fld.label}{mark}"), classes="field-label", markup=False)
                yield Field(
                    printable(self.session.arende.field_value(fld.id)),
                    field=fld.id,
                    placeholder=printable(f"t.ex. {fld.example}") if fld.example else "",
                    id=f"falt-{fld.id}",
                    classes="field-input",
                )

    @on(TextArea.Changed, ".field-input")
    def _field_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        assert area.id is not None
        field_id = area.id.removeprefix("falt-")
        if printable(self.session.arende.field_value(field_id)) == area.text:
            return
        self.session.arende.header[field_id] = area.text
        self.changed()

    def focus_field(self, field: str | None) -> None:
        if field:
            matches = self.query(f"#falt-{field}")
            if matches:
                matches.first().focus()
                return
        self.focus_first()

    def help_for(self, widget: Widget | None) -> tuple[str, str]:
        if widget is not None and widget.id and widget.id.startswith("falt-"):
            try:
                fld = self.session.template.field(widget.id.removeprefix("falt-"))
            except KeyError:
                pass
            else:
                return fld.label, fld.help_text
        return HEADER_TITLE, (
            "Uppgifter som står överst i skrivelsen: ärendemening, diarienummer, datum och "
            "vilket organ som föreslår och beslutar. Fält med * är obligatoriska."
        )


# --------------------------------------------------------------------------- prose


class ProseEditor(SectionEditor):
    """Free text in a soft-wrapping TextArea."""

    def compose(self) -> ComposeResult:
        content = self.session.arende.content(self.section)
        assert isinstance(content, ProseContent)
        yield MarkedTextArea(
            printable(content.text),
            field="text",
            soft_wrap=True,
            tab_behavior="focus",
            id="text",
            classes="prose",
        )

    @on(TextArea.Changed, "#text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, ProseContent)
        if printable(content.text) != event.text_area.text:
            content.text = event.text_area.text
            self.changed()


# --------------------------------------------------------------------------- decision


class DecisionEditor(SectionEditor):
    """Förslag till beslut: the lead-in and the numbered decision points."""

    def compose(self) -> ComposeResult:
        content = self.session.arende.content(self.section)
        assert isinstance(content, DecisionContent)
        yield Static("Inledning (vem föreslår, vem beslutar)", classes="field-label")
        yield Field(
            printable(content.lead_in),
            field="inledning",
            id="inledning",
            classes="field-input",
        )
        yield Static("Beslutspunkter (en åtgärd per punkt)", classes="field-label")
        yield Static(ROW_KEYS, classes="row-keys")
        yield RowList(
            [[printable(p)] for p in content.points],
            ["Skriv beslutet i presens: ”Region … avslutar …”"],
            add_label="Lägg till punkt",
            id="punkter",
        )

    def activated(self) -> None:
        arende = self.session.arende
        proposer = arende.field_value("beredande_organ").strip()
        body = arende.field_value("beslutsinstans").strip()
        placeholder = (
            f"Lämna tomt för ”{default_lead_in(proposer, body)}”"
            if proposer and body
            else "t.ex. Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:"
        )
        self.query_one("#inledning", Field).set_placeholder(printable(placeholder))

    @on(TextArea.Changed, "#inledning")
    def _lead_in_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, DecisionContent)
        if printable(content.lead_in) != event.text_area.text:
            content.lead_in = event.text_area.text
            self.changed()

    @on(RowList.Changed, "#punkter")
    def _points_changed(self, event: RowList.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, DecisionContent)
        content.points = [row[0] for row in event.row_list.values()]
        self.changed()

    def focus_field(self, field: str | None) -> None:
        if field == "inledning":
            self.query_one("#inledning", Field).focus()
        elif field and field.startswith("punkter"):
            self.query_one("#punkter", RowList).focus_row(_index(field))
        else:  # the lead-in first while it is empty: it is read first
            content = self.session.arende.content(self.section)
            assert isinstance(content, DecisionContent)
            if content.lead_in:
                self.query_one("#punkter", RowList).focus_row(0)
            else:
                self.query_one("#inledning", Field).focus()


def _index(field: str) -> int:
    _, _, tail = field.partition(".")
    return int(tail) if tail.isdigit() else 0


# --------------------------------------------------------------------------- lists


class ListEditor(SectionEditor):
    """A list (Expedieras till, Beslutsunderlag): one item per row."""

    def compose(self) -> ComposeResult:
        content = self.session.arende.content(self.section)
        assert isinstance(content, ListContent)
        yield Static("En post per rad", classes="field-label")
        yield Static(ROW_KEYS, classes="row-keys")
        yield RowList(
            [[printable(p)] for p in content.items],
            [printable(f"{self.section.heading}: en post per rad")],
            marker="bullet",
            add_label="Lägg till rad",
            id="poster",
        )

    @on(RowList.Changed, "#poster")
    def _rows_changed(self, event: RowList.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, ListContent)
        content.items = [row[0] for row in event.row_list.values()]
        self.changed()

    def focus_field(self, field: str | None) -> None:
        self.query_one("#poster", RowList).focus_row(_index(field) if field else 0)


# --------------------------------------------------------------------------- signatures


class SignaturesEditor(SectionEditor):
    """Underskrifter: name and title per row."""

    def compose(self) -> ComposeResult:
        content = self.session.arende.content(self.section)
        assert isinstance(content, SignaturesContent)
        yield Static("Namn och befattning, en person per rad", classes="field-label")
        yield Static(ROW_KEYS, classes="row-keys")
        yield RowList(
            [[printable(p.name), printable(p.title)] for p in content.people],
            ["Namn", "Befattning"],
            add_label="Lägg till person",
            id="personer",
        )

    @on(RowList.Changed, "#personer")
    def _rows_changed(self, event: RowList.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, SignaturesContent)
        old = content.people
        new: list[Signature] = []
        for i, (namn, titel) in enumerate(event.row_list.values()):
            extra = dict(old[i].model_extra or {}) if i < len(old) else {}
            new.append(Signature(namn=namn, titel=titel, **extra))
        content.people = new
        self.changed()

    def focus_field(self, field: str | None) -> None:
        row_list = self.query_one("#personer", RowList)
        if field and field.startswith("personer."):
            row = _index(field)
            content = self.session.arende.content(self.section)
            assert isinstance(content, SignaturesContent)
            missing_name = row < len(content.people) and not content.people[row].name.strip()
            row_list.focus_row(row, 0 if missing_name else 1)
        else:
            row_list.focus_row(0)
