"""NOM-1: verbs rather than nouns made from verbs ("genomförande av" → "genomföra").

A noun made from a verb and followed by "av" hides who does what: "ifyllande av
projektansökan" for "fyll i projektansökan". The check looks for a word ending in -ning,
-ande/-ende, -else or -tion (with the endings of its definite and plural forms) right
before "av", and reports the first few per section as a suggestion (info): such nouns
are sometimes the clearest word, so the writer decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from drafter.checks.common import SectionsParams, rule_sections, section_texts
from drafter.checks.lazyre import lazy_compile
from drafter.checks.lix import PROSE_KINDS
from drafter.checks.registry import CheckContext, check_kind
from drafter.findings import Finding, Severity
from drafter.text import join_list_sv

#: Endings of nouns made from verbs, with their definite and plural forms.
NOUN_ENDINGS = tuple(
    stem + ending
    for stem, endings in (
        ("ning", ("", "en", "ar", "arna")),
        ("ande", ("", "t", "n", "na")),
        ("ende", ("", "t", "n", "na")),
        ("else", ("", "n", "r", "rna")),
        ("tion", ("", "en", "er", "erna")),
    )
    for ending in endings
)

#: Nouns with those endings that are not made from a verb (lower case, singular).
NOT_FROM_VERBS = ("station", "nation", "portion", "lektion", "tradition", "funktion", "position")
_TION_FORMS = frozenset({"tion", "tionen", "tioner", "tionerna"})

#: Examples quoted in one finding at most.
MAX_EXAMPLES = 3

# " av" first and case-sensitive: the regex engine finds that literal fast ("Av" opens a
# sentence, so no noun stands before it).
_AV = lazy_compile(r" av(?=[\s,.;:]|$)")


#: Articles before the noun: "en kartläggning av …" names a thing (a survey), not an action.
_ARTICLES = frozenset(["en", "ett"])


def nominalisation_places(
    text: str, fixed_terms: tuple[str, ...] = ()
) -> Iterator[tuple[str, int]]:
    """(phrase, offset) of each "<noun> av" phrase in ``text`` (see :func:`nominalisations`)."""
    for match in _AV.finditer(text):
        end = match.start()
        start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
        word = text[start:end]
        lowered = word.lower()
        if len(word) < 7 or not lowered.endswith(NOUN_ENDINGS) or not word.isalpha():
            continue
        if fixed_terms and lowered.startswith(fixed_terms):
            continue
        before = text[max(0, start - 5) : start].split()
        if before and before[-1].lower() in _ARTICLES:
            continue
        tion = lowered.rfind("tion")
        if (
            tion >= 0
            and lowered[tion:] in _TION_FORMS
            and lowered[: tion + 4].endswith(NOT_FROM_VERBS)
        ):
            continue
        yield text[start : match.end()], start


class NominalisationParams(SectionsParams):
    fasta_termer: tuple[str, ...] = ()
    """Nouns (lower case stems) that are established terms and never reported."""


@check_kind("substantiv_for_verb", NominalisationParams, severity=Severity.INFO)
def check_nominalisations(ctx: CheckContext, params: NominalisationParams) -> Iterator[Finding]:
    """Nouns made from verbs before "av" ("genomförande av"): write the verb instead."""
    for section in rule_sections(ctx, params.sektioner, PROSE_KINDS):
        examples: list[str] = []
        first_field: str | None = None
        first_place: tuple[str, int] | None = None
        fixed = tuple(t.lower() for t in params.fasta_termer)
        for field, text in section_texts(ctx, section, lead_in=False):
            for phrase, start in nominalisation_places(text, fixed):
                if first_place is None:
                    first_field, first_place = field, (phrase, start)
                if phrase.lower() not in (e.lower() for e in examples):
                    examples.append(phrase)
        if not examples:
            continue
        quoted = join_list_sv([f"”{e}”" for e in examples[:MAX_EXAMPLES]], "och")
        more = " med flera" if len(examples) > MAX_EXAMPLES else ""
        found = ctx.finding(
            f"Verb gör texten tydligare än substantiv som {quoted}{more}: skriv vem som gör "
            "vad, till exempel ”fyll i projektansökan” i stället för ”ifyllande av "
            "projektansökan”. Källa: Tillväxtverkets klarspråksråd.",
            field=first_field,
            section=section.id,
        )
        assert first_place is not None
        phrase, start = first_place
        yield replace(found, word=phrase, span=(start, start + len(phrase)))
