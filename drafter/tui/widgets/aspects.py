"""The editor of Konsekvensbeskrivningar: per aspect a choice and a text, plus shared prose."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import RadioButton, RadioSet, Static, TextArea

from drafter.model import AspectChoice, AspectEntry, AspectsContent
from drafter.text import printable
from drafter.tui.widgets.editors import SectionEditor
from drafter.tui.widgets.marked import MarkedTextArea

INGA = "inga konsekvenser"
BESKRIV = "beskriv konsekvenserna"


class AspectChoiceSet(RadioSet):
    """An aspect's two answers; the highlighted answer is always the chosen one.

    A RadioSet starts with its first button highlighted whatever is chosen, and keeps a
    highlight the arrow keys moved when it loses focus; Enter or Space there would then
    choose the answer the user did not mean. The highlight is moved to the chosen answer
    when the set is mounted and whenever it loses focus.
    """

    def on_mount(self) -> None:
        self.call_after_refresh(self.highlight_chosen)

    def on_blur(self) -> None:
        self.highlight_chosen()

    def highlight_chosen(self) -> None:
        """Move the highlight to the chosen answer (with the set's own key action)."""
        chosen = self.pressed_button
        if chosen is None:
            return
        for _ in range(len(self.query(RadioButton))):
            if chosen.has_class("-selected"):
                return
            self.action_next_button()


class AspectsEditor(SectionEditor):
    """Konsekvensbeskrivningar: per aspect a choice and a text, plus optional shared prose."""

    def compose(self) -> ComposeResult:
        content = self._content()
        for aspect in self.section.aspects:
            entry = content.aspects.get(aspect.id) or AspectEntry()
            with Vertical(classes="aspect", id=f"aspekt-{aspect.id}"):
                yield Static(
                    printable(aspect.label[:1].upper() + aspect.label[1:]),
                    classes="aspect-label",
                    markup=False,
                )
                with AspectChoiceSet(id=f"val-{aspect.id}", classes="aspect-choice"):
                    yield RadioButton(
                        INGA, value=entry.assessment == "inga", id=f"inga-{aspect.id}"
                    )
                    yield RadioButton(
                        BESKRIV, value=entry.assessment == "beskriv", id=f"beskriv-{aspect.id}"
                    )
                area = MarkedTextArea(
                    printable(entry.text),
                    field=f"aspekter.{aspect.id}",
                    soft_wrap=True,
                    tab_behavior="focus",
                    id=f"text-{aspect.id}",
                    classes="aspect-text",
                    placeholder=Content(printable(aspect.help_text)),
                )
                area.display = entry.assessment == "beskriv"
                yield area
        yield Static(
            "Gemensam text (valfri; aspekter som nämns här räknas som behandlade)",
            classes="field-label",
        )
        yield MarkedTextArea(
            printable(content.text),
            field="text",
            soft_wrap=True,
            tab_behavior="focus",
            id="text",
            classes="aspects-prose",
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
        if printable(entry.text) != event.text_area.text:
            entry.text = event.text_area.text
            self.changed()

    @on(TextArea.Changed, "#text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        content = self._content()
        if printable(content.text) != event.text_area.text:
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
