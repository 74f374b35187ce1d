"""LIX (läsbarhetsindex) of a section and of the whole document.

LIX = O / M + 100 · L / O (Björnsson 1968), where O is the number of words, M the number
of sentences and L the number of long words (more than six letters). lix.se does not
document its tokenisation, so drafter fixes its own (:mod:`drafter.checks.textstats`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from drafter.checks.textstats import analyse
from drafter.model import (
    IMPORTED_KEY,
    Arende,
    AspectsContent,
    DecisionContent,
    ListContent,
    ProseContent,
    SectionContent,
)
from drafter.templates import SectionDef, SectionKind, Template

#: Sections shorter than this are not given a LIX value: it is unstable on short texts.
MIN_WORDS = 50

#: Section kinds whose text is running prose (lists and signatures are not).
PROSE_KINDS: frozenset[SectionKind] = frozenset({"prosa", "beslut", "aspekter"})


class LixResult(NamedTuple):
    """LIX of a text and the counts behind it."""

    value: float
    words: int
    sentences: int
    long_words: int

    @property
    def rounded(self) -> int:
        """The value as it is usually shown: a whole number."""
        return round(self.value)

    @property
    def band(self) -> str:
        """The Swedish label of the LIX band (lix.se's bands)."""
        return lix_band(self.value)

    def describe(self) -> str:
        """ "LIX 43 (medelsvår)"."""
        return f"LIX {self.rounded} ({self.band})"


def lix_band(value: float) -> str:
    """The band label: <30 mycket lättläst, 30–39 lättläst, 40–49 medelsvår, 50–59 svår,
    60 and above mycket svår."""
    if value < 30:
        return "mycket lättläst"
    if value < 40:
        return "lättläst"
    if value < 50:
        return "medelsvår"
    if value < 60:
        return "svår"
    return "mycket svår"


def lix_of_texts(texts: list[str]) -> LixResult | None:
    """LIX over several texts, each ending its own sentence (decision points, aspects)."""
    n_words = 0
    n_long = 0
    n_sentences = 0
    for text in texts:
        stats = analyse(text)
        n_words += stats.words
        n_long += stats.long_words
        n_sentences += len(stats.sentences)
    if n_words == 0:
        return None
    value = n_words / n_sentences + 100 * n_long / n_words
    return LixResult(value, n_words, n_sentences, n_long)


def lix(text: str) -> LixResult | None:
    """LIX of ``text``, or ``None`` when it has no words."""
    return lix_of_texts([text])


def content_texts(content: SectionContent) -> Iterator[tuple[str, str]]:
    """(field, text) pairs a user wrote in a section, in order.

    Fields follow :class:`~drafter.findings.Finding`'s conventions: "text", "inledning",
    "punkter.0", "aspekter.barn", "poster.2". Signatures give nothing.
    """
    if isinstance(content, ProseContent):
        yield "text", content.text
    elif isinstance(content, DecisionContent):
        yield "inledning", content.lead_in
        for i, point in enumerate(content.points):
            yield f"punkter.{i}", point
    elif isinstance(content, AspectsContent):
        yield "text", content.text
        for key, entry in content.aspects.items():
            if entry.assessment != "inga":
                yield f"aspekter.{key}", entry.text
    elif isinstance(content, ListContent):
        for i, item in enumerate(content.items):
            yield f"poster.{i}", item


#: Text an import kept aside (``[importerat]``), checked by the klarspråk rules as one more
#: prose section (issue 13): findings name the section "importerat" and the text's position.
IMPORTED_SECTION = SectionDef.model_construct(
    id=IMPORTED_KEY,
    heading="Importerad text",
    kind="prosa",
    help_text="",
    aliases=(),
    required=False,
    missing_severity=None,
    rules=(),
    aspects=(),
)


def prose_texts(arende: Arende, section: SectionDef) -> list[str]:
    """The running text of a section for LIX: prose, decision points and aspects.

    The decision lead-in is a fixed formula and is left out; lists and signatures have no
    running text.
    """
    if section.kind not in PROSE_KINDS:
        return []
    if section.id == IMPORTED_KEY:
        return [t for t in arende.imported_texts().values() if t.strip()]
    content = arende.sections.get(section.id)
    if content is None:
        return []
    return [t for f, t in content_texts(content) if f != "inledning" and t.strip()]


def section_lix(
    arende: Arende, section: SectionDef, min_words: int = MIN_WORDS
) -> LixResult | None:
    """LIX of one section, or ``None`` when it has fewer than ``min_words`` words."""
    result = lix_of_texts(prose_texts(arende, section))
    if result is None or result.words < min_words:
        return None
    return result


def document_lix(
    arende: Arende, template: Template, min_words: int = MIN_WORDS
) -> LixResult | None:
    """LIX of the whole document's running text, or ``None`` under ``min_words`` words."""
    texts: list[str] = []
    for section in template.sections:
        texts += prose_texts(arende, section)
    texts += prose_texts(arende, IMPORTED_SECTION)
    result = lix_of_texts(texts)
    if result is None or result.words < min_words:
        return None
    return result
