"""One editor widget per section kind. Editors write into the model and post SectionChanged."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, TextArea

from drafter.model import (
    AspectChoice,
    AspectEntry,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    Signature,
    SignaturesContent,
)
from drafter.templates import SectionDef
from drafter.text import default_lead_in
from drafter.tui.messages import SectionChanged
from drafter.tui.session import (
    HEADER_STEP,
    HEADER_TITLE,
    IMPORTED_STEP,
    IMPORTED_TITLE,
    Session,
)
from drafter.tui.widgets.rows import RowInput, RowList

ROW_KEYS = "Enter: ny rad · Alt+↑/↓: flytta · Alt+Del: ta bort"
INGA = "inga konsekvenser"
BESKRIV = "beskriv konsekvenserna"


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
        for widget in self.query("Input, RadioSet, Button"):
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
    """The header fields (Uppgifter om ärendet), one Input per field."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, HEADER_STEP)

    def compose(self) -> ComposeResult:
        for fld in self.session.template.fields:
            mark = " *" if fld.required else ""
            with Vertical(classes="field"):
                yield Label(f"{fld.label}{mark}", classes="field-label")
                yield Input(
                    self.session.arende.field_value(fld.id),
                    placeholder=f"t.ex. {fld.example}" if fld.example else "",
                    id=f"falt-{fld.id}",
                    compact=True,
                    select_on_focus=False,
                    classes="field-input",
                )

    @on(Input.Changed, ".field-input")
    def _field_changed(self, event: Input.Changed) -> None:
        event.stop()
        assert event.input.id is not None
        field_id = event.input.id.removeprefix("falt-")
        if self.session.arende.field_value(field_id) == event.value:
            return
        self.session.arende.header[field_id] = event.value
        self.changed()

    @on(Input.Submitted, ".field-input")
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

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
        yield TextArea(
            content.text, soft_wrap=True, tab_behavior="focus", id="text", classes="prose"
        )

    @on(TextArea.Changed, "#text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, ProseContent)
        if content.text != event.text_area.text:
            content.text = event.text_area.text
            self.changed()


# --------------------------------------------------------------------------- decision


class DecisionEditor(SectionEditor):
    """Förslag till beslut: the lead-in and the numbered decision points."""

    def compose(self) -> ComposeResult:
        content = self.session.arende.content(self.section)
        assert isinstance(content, DecisionContent)
        yield Label("Inledning (vem föreslår, vem beslutar)", classes="field-label")
        yield Input(
            content.lead_in,
            id="inledning",
            compact=True,
            select_on_focus=False,
            classes="field-input",
        )
        yield Label("Beslutspunkter (en åtgärd per punkt)", classes="field-label")
        yield Label(ROW_KEYS, classes="row-keys")
        yield RowList(
            [[p] for p in content.points],
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
        self.query_one("#inledning", Input).placeholder = placeholder

    @on(Input.Changed, "#inledning")
    def _lead_in_changed(self, event: Input.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, DecisionContent)
        if content.lead_in != event.value:
            content.lead_in = event.value
            self.changed()

    @on(Input.Submitted, "#inledning")
    def _lead_in_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#punkter", RowList).focus_row(0)

    @on(RowList.Changed, "#punkter")
    def _points_changed(self, event: RowList.Changed) -> None:
        event.stop()
        content = self.session.arende.content(self.section)
        assert isinstance(content, DecisionContent)
        content.points = [row[0] for row in event.row_list.values()]
        self.changed()

    def focus_field(self, field: str | None) -> None:
        if field == "inledning":
            self.query_one("#inledning", Input).focus()
        elif field and field.startswith("punkter"):
            self.query_one("#punkter", RowList).focus_row(_index(field))
        else:
            content = self.session.arende.content(self.section)
            assert isinstance(content, DecisionContent)
            if content.lead_in or self.session.arende.field_value("beslutsinstans"):
                self.query_one("#punkter", RowList).focus_row(0)
            else:
                self.query_one("#inledning", Input).focus()


def _index(field: str) -> int:
    _, _, tail = field.partition(".")
    return int(tail) if tail.isdigit() else 0


# --------------------------------------------------------------------------- lists


class ListEditor(SectionEditor):
    """A list (Expedieras till, Beslutsunderlag): one item per row."""

    def compose(self) -> ComposeResult:
        content = self.session.arende.content(self.section)
        assert isinstance(content, ListContent)
        yield Label("En post per rad", classes="field-label")
        yield Label(ROW_KEYS, classes="row-keys")
        yield RowList(
            [[p] for p in content.items],
            [f"{self.section.heading}: en post per rad"],
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
        yield Label("Namn och befattning, en person per rad", classes="field-label")
        yield Label(ROW_KEYS, classes="row-keys")
        yield RowList(
            [[p.name, p.title] for p in content.people],
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
            new.append(Signature(name=namn, title=titel, **extra))
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


# --------------------------------------------------------------------------- aspects


class AspectsEditor(SectionEditor):
    """Konsekvensbeskrivningar: per aspect a choice and a text, plus optional shared prose."""

    def compose(self) -> ComposeResult:
        content = self._content()
        for aspect in self.section.aspects:
            entry = content.aspects.get(aspect.id) or AspectEntry()
            with Vertical(classes="aspect", id=f"aspekt-{aspect.id}"):
                yield Label(aspect.label[:1].upper() + aspect.label[1:], classes="aspect-label")
                with RadioSet(id=f"val-{aspect.id}", classes="aspect-choice"):
                    yield RadioButton(
                        INGA, value=entry.assessment == "inga", id=f"inga-{aspect.id}"
                    )
                    yield RadioButton(
                        BESKRIV, value=entry.assessment == "beskriv", id=f"beskriv-{aspect.id}"
                    )
                area = TextArea(
                    entry.text,
                    soft_wrap=True,
                    tab_behavior="focus",
                    id=f"text-{aspect.id}",
                    classes="aspect-text",
                    placeholder=aspect.help_text,
                )
                area.display = entry.assessment == "beskriv"
                yield area
        yield Label(
            "Gemensam text (valfri; aspekter som nämns här räknas som behandlade)",
            classes="field-label",
        )
        yield TextArea(
            content.text, soft_wrap=True, tab_behavior="focus", id="text", classes="aspects-prose"
        )

    def _content(self) -> AspectsContent:
        content = self.session.arende.content(self.section)
        assert isinstance(content, AspectsContent)
        return content

    def _entry(self, aspect_id: str) -> AspectEntry:
        content = self._content()
        entry = content.aspects.get(aspect_id)
        if entry is None:
            entry = AspectEntry()
            content.aspects[aspect_id] = entry
        return entry

    @on(RadioSet.Changed, ".aspect-choice")
    def _choice_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        assert event.radio_set.id is not None and event.pressed.id is not None
        aspect_id = event.radio_set.id.removeprefix("val-")
        choice: AspectChoice = "beskriv" if event.pressed.id.startswith("beskriv-") else "inga"
        area = self.query_one(f"#text-{aspect_id}", TextArea)
        area.display = choice == "beskriv"
        entry = self._entry(aspect_id)
        if entry.assessment != choice:
            entry.assessment = choice
            self.changed()

    @on(TextArea.Changed, ".aspect-text")
    def _aspect_text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        assert event.text_area.id is not None
        entry = self._entry(event.text_area.id.removeprefix("text-"))
        if entry.text != event.text_area.text:
            entry.text = event.text_area.text
            self.changed()

    @on(TextArea.Changed, "#text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        content = self._content()
        if content.text != event.text_area.text:
            content.text = event.text_area.text
            self.changed()

    def focus_field(self, field: str | None) -> None:
        if field and field.startswith("aspekter."):
            aspect_id = field.removeprefix("aspekter.")
            entry = self._content().aspects.get(aspect_id)
            if entry is not None and entry.assessment == "beskriv":
                self.query_one(f"#text-{aspect_id}", TextArea).focus()
                return
            matches = self.query(f"#val-{aspect_id}")
            if matches:
                matches.first().focus()
                return
        if field == "text":
            self.query_one("#text", TextArea).focus()
            return
        self.focus_first()

    def help_for(self, widget: Widget | None) -> tuple[str, str]:
        node = widget
        while node is not None and node is not self:
            if node.id and node.id.startswith("aspekt-"):
                aspect = self.section.aspect(node.id.removeprefix("aspekt-"))
                if aspect is not None:
                    label = aspect.label[:1].upper() + aspect.label[1:]
                    return f"{self.section.heading}: {label}", (
                        f"{aspect.help_text}\n\nVälj ”{INGA}” om beslutet inte påverkar "
                        f"{aspect.label}, annars ”{BESKRIV}” och skriv hur.\n\n"
                        f"{self.section.help_text}"
                    )
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return super().help_for(widget)


# --------------------------------------------------------------------------- imported text

IMPORTED_HELP = (
    "Text från importen som inte passade i någon sektion. Flytta det som ska vara kvar: "
    "markera (Skift+pil), klipp ut (Ctrl+X), gå till rätt steg och klistra in (Ctrl+V). Töm "
    "sedan rutan; tomma rutor tas bort ur ärendet. Text som ligger kvar här kommer sist i "
    "exporten under sin egen rubrik."
)


class ImportedEditor(StepEditor):
    """Text an import kept aside: one text area per heading, to move text out of."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, IMPORTED_STEP)
        self._headings = list(session.arende.imported_texts())

    def compose(self) -> ComposeResult:
        texts = self.session.arende.imported_texts()
        yield Label("Ctrl+X: klipp ut · Ctrl+V: klistra in i rätt steg", classes="row-keys")
        for i, heading in enumerate(self._headings):
            yield Label(heading, classes="field-label")
            yield TextArea(
                texts.get(heading, ""),
                soft_wrap=True,
                tab_behavior="focus",
                id=f"importerat-{i}",
                classes="imported",
            )

    @on(TextArea.Changed, ".imported")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        area = event.text_area
        heading = self._headings[int((area.id or "").rsplit("-", 1)[1])]
        if self.session.arende.imported_texts().get(heading, "") != area.text:
            self.session.arende.set_imported_text(heading, area.text)
            self.changed()

    def focus_field(self, field: str | None) -> None:
        if field is not None and field.isdigit():
            areas = self.query(f"#importerat-{field}")
            if areas:
                areas.first().focus()
                return
        self.focus_first()

    def help_for(self, widget: Widget | None) -> tuple[str, str]:
        return IMPORTED_TITLE, IMPORTED_HELP


def make_editor(session: Session, step_id: str) -> StepEditor:
    """The editor widget for a step."""
    if step_id == HEADER_STEP:
        return HeaderEditor(session)
    if step_id == IMPORTED_STEP:
        return ImportedEditor(session)
    section = session.template.section(step_id)
    kinds: dict[str, type[SectionEditor]] = {
        "prosa": ProseEditor,
        "beslut": DecisionEditor,
        "lista": ListEditor,
        "underskrifter": SignaturesEditor,
        "aspekter": AspectsEditor,
    }
    return kinds[section.kind](session, section)


__all__ = ["RowInput", "StepEditor", "make_editor"]
