"""STAV-1: words the Swedish dictionary does not know, with up to three suggestions.

Looks at the header's text fields, every prose, decision (lead-in and points), aspect and
list section (or those in ``sektioner``). Signatures are not checked. A word is accepted
when Hunspell accepts it (compounds included), when one of the three word lists has it
(:mod:`drafter.spelling.lists`), or when the document vouches for it:

* every word of a name in the signatures;
* capitalised words in the header fields organisation, förvaltning, beredande organ and
  beslutsinstans (:data:`VOUCHING_FIELDS`);
* a capitalised word that stands at least twice in the document where it does not start
  a sentence (a proper noun the writer uses consistently: "Vanguard").

Which words are looked at is documented in :mod:`drafter.spelling.words`. The dictionary is
used as the process's :class:`~drafter.spelling.Mode` says: with the mode off, or
non-blocking before the dictionary is loaded, this check finds nothing. The work is in
:mod:`drafter.checks.spelling_run`, loaded (with the dictionary's modules) only when the
check runs with spelling on.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from drafter.checks.common import SectionsParams
from drafter.checks.registry import CheckContext, check_kind
from drafter.findings import Finding, Severity
from drafter.spelling.mode import Mode, get_mode


class SpellingParams(SectionsParams):
    falt: bool = True
    """Check the header's text fields too."""
    max_fynd: int = Field(default=200, ge=1)
    """Report at most this many words, then one line saying how many more there are."""


def _hint() -> str:
    return (
        " Stavat rätt? Lägg till ordet under [stavning] ord = […] i ärendefilen eller i din "
        "ordlista stavning.txt i drafters inställningsmapp."
    )


def spelling_message(word: str, suggestions: tuple[str, ...]) -> str:
    """The Swedish finding text for an unknown word."""
    if not suggestions:
        return f"”{word}” finns inte i ordlistan och det finns inget förslag." + _hint()
    quoted = [f"”{s}”" for s in suggestions]
    options = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} eller {quoted[-1]}"
    return f"”{word}” finns inte i ordlistan. Menade du {options}?" + _hint()


@check_kind("stavningskontroll", SpellingParams, severity=Severity.INFO)
def check_spelling(ctx: CheckContext, params: SpellingParams) -> Iterator[Finding]:
    """Words the Swedish dictionary and the word lists do not know, with suggestions."""
    if get_mode() is Mode.OFF:
        return  # nothing of the dictionary is loaded for a check run without spelling
    from drafter.checks.spelling_run import check

    yield from check(ctx, params)
