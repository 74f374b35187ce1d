"""The editor of text an import kept aside ("Importerad text")."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static, TextArea

from drafter.text import printable
from drafter.tui.session import IMPORTED_STEP, IMPORTED_TITLE, Session
from drafter.tui.widgets.editors import StepEditor

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
        yield Static("Ctrl+X: klipp ut · Ctrl+V: klistra in i rätt steg", classes="row-keys")
        for i, heading in enumerate(self._headings):
            yield Static(printable(heading), classes="field-label", markup=False)
            yield TextArea(
                printable(texts.get(heading, "")),
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
        if printable(self.session.arende.imported_texts().get(heading, "")) != area.text:
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
