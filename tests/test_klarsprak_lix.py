"""LIX and its tokenisation: values equal hand counts; sentences split as documented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks.lix import (
    MIN_WORDS,
    document_lix,
    lix,
    lix_band,
    section_lix,
)
from drafter.checks.textstats import sentences, word_tokens
from drafter.model import Arende, DecisionContent, ListContent, ProseContent
from drafter.templates import Template

# --------------------------------------------------------------------------- hand counts


def test_lix_hand_count_simple_text() -> None:
    # Katten(6) sitter(6) på(2) mattan(6). | Hunden(6) springer(8) ute(3) i(1) trädgården(10).
    # O = 9 words, M = 2 sentences, L = 2 long words (springer, trädgården: > 6 letters)
    # LIX = 9/2 + 100·2/9 = 4.5 + 22.22 = 26.72 → mycket lättläst
    result = lix("Katten sitter på mattan. Hunden springer ute i trädgården.")
    assert result is not None
    assert (result.words, result.sentences, result.long_words) == (9, 2, 2)
    assert result.value == pytest.approx(9 / 2 + 100 * 2 / 9)
    assert result.rounded == 27
    assert result.band == "mycket lättläst"


def test_lix_hand_count_abbreviation_numbers_and_hyphen() -> None:
    # Regionen(8, L) betalar(7, L) t.ex.(3) [12 500: no word] euro(4) per(3) år(2).
    #   "t.ex." does not end the sentence.
    # Medlemskapet(12, L) i(1) EU-nätverket(10 letters, one word, L) avslutas(8, L) [2025].
    # O = 6 + 4 = 10, M = 2, L = 5
    # LIX = 10/2 + 100·5/10 = 5 + 50 = 55 → svår
    result = lix(
        "Regionen betalar t.ex. 12 500 euro per år. Medlemskapet i EU-nätverket avslutas 2025."
    )
    assert result is not None
    assert (result.words, result.sentences, result.long_words) == (10, 2, 5)
    assert result.value == pytest.approx(55.0)
    assert result.band == "svår"
    assert result.describe() == "LIX 55 (svår)"


def test_lix_hand_count_question_exclamation_and_abbreviations() -> None:
    # Vill du veta mer? (4 words) | Ring oss! (2) |
    # Vi svarar ca. klockan(7, L) nio, bl.a. om ekonomibiståndet(16, L). (8 words)
    #   "ca." and "bl.a." do not end the sentence.
    # O = 14, M = 3, L = 2
    # LIX = 14/3 + 100·2/14 = 4.667 + 14.286 = 18.95 → mycket lättläst
    result = lix(
        "Vill du veta mer? Ring oss! Vi svarar ca. klockan nio, bl.a. om ekonomibiståndet."
    )
    assert result is not None
    assert (result.words, result.sentences, result.long_words) == (14, 3, 2)
    assert result.value == pytest.approx(14 / 3 + 100 * 2 / 14)


def test_lix_hand_count_paragraphs_and_list_items() -> None:
    # Blocks: "Beslutet(8, L) gäller(6)" | "barn-(4) och(3) ungdomsnämnden(14, L)" |
    #         "kulturnämnden(12, L)". Blank lines and list items end sentences.
    # O = 6, M = 3, L = 3 → LIX = 6/3 + 100·3/6 = 2 + 50 = 52
    result = lix("Beslutet gäller\n\n- barn- och ungdomsnämnden\n- kulturnämnden")
    assert result is not None
    assert (result.words, result.sentences, result.long_words) == (6, 3, 3)
    assert result.value == pytest.approx(52.0)


def test_lix_of_text_without_words_is_none() -> None:
    assert lix("") is None
    assert lix("12 500 – 2025-03-14.") is None


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "mycket lättläst"),
        (29.9, "mycket lättläst"),
        (30, "lättläst"),
        (39.9, "lättläst"),
        (40, "medelsvår"),
        (49.9, "medelsvår"),
        (50, "svår"),
        (59.9, "svår"),
        (60, "mycket svår"),
        (85, "mycket svår"),
    ],
)
def test_lix_bands(value: float, band: str) -> None:
    assert lix_band(value) == band


# --------------------------------------------------------------------------- tokenisation


def test_words_keep_compounds_drop_numbers_and_split_slashes() -> None:
    assert word_tokens("3D-printingpiloten, barn- och ungdomar: 12 500 euro/år (2025).") == [
        "3D-printingpiloten",
        "barn-",
        "och",
        "ungdomar",
        "euro",
        "år",
    ]


def test_sentences_respect_abbreviations_initials_and_lower_case() -> None:
    text = (
        "Vi ses t.ex. Region Gävleborg. Mötet börjar kl. 9.00 och handlar om bilar m.m. och "
        "båtar. Det gäller bussar m.m. Sedan sa K. Vanhaverbeke nej! Varför? Jfr. nästa "
        "punkt. Slut"
    )
    assert sentences(text) == [
        "Vi ses t.ex. Region Gävleborg.",
        "Mötet börjar kl. 9.00 och handlar om bilar m.m. och båtar.",
        "Det gäller bussar m.m.",
        "Sedan sa K. Vanhaverbeke nej!",
        "Varför?",
        "Jfr. nästa punkt.",
        "Slut",
    ]


def test_soft_line_breaks_inside_a_paragraph_do_not_end_sentences() -> None:
    assert sentences("Det här är en mening\nsom bröts av vid inklistring.") == [
        "Det här är en mening som bröts av vid inklistring."
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_lix_never_fails_and_counts_are_consistent(text: str) -> None:
    result = lix(text)
    if result is None:
        assert word_tokens(text) == []
        return
    assert 1 <= result.sentences <= result.words
    assert 0 <= result.long_words <= result.words
    assert result.value >= 1


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "ord",
                "långaordet",
                "e-post",
                "2025",
                "–",
                "kronor.",
                "ja,",
                "m²",
                "(se",
                "bilaga)",
                "t.ex.",
                "”Citat”",
                "euro/år",
                "Ⅻ",
                "12.30",
                "ÅÄÖÅÄÖÅ.",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_word_counts_follow_the_documented_definition(text: str) -> None:
    """Words are the pieces (split at whitespace and "/") with a letter; a long word has
    more than six letters, counting letters only (the counting loop has fast paths)."""
    pieces = text.replace("/", " ").split()
    letters = [sum(ch.isalpha() for ch in piece) for piece in pieces]
    words = [n for n in letters if n]
    result = lix(text)
    if not words:
        assert result is None
        return
    assert result is not None
    assert result.words == len(words)
    assert result.long_words == sum(n > 6 for n in words)


# --------------------------------------------------------------------------- sections


def _words(n: int) -> str:
    # n words, 5 per sentence, no long words: LIX = 5 exactly
    sentences_ = ["Ord " + " ".join(["ord"] * 4) + "." for _ in range(n // 5)]
    return " ".join(sentences_)


def test_section_lix_skips_short_sections(template: Template) -> None:
    arende = Arende.new(template)
    section = template.section("sammanfattning")
    arende.sections["sammanfattning"] = ProseContent(text=_words(MIN_WORDS - 5))
    assert section_lix(arende, section) is None
    arende.sections["sammanfattning"] = ProseContent(text=_words(MIN_WORDS))
    result = section_lix(arende, section)
    assert result is not None
    assert (result.words, result.value) == (MIN_WORDS, 5.0)
    assert section_lix(arende, section, min_words=MIN_WORDS + 1) is None


def test_section_lix_of_decision_counts_points_not_the_lead_in(template: Template) -> None:
    arende = Arende.new(template)
    arende.sections["forslag_till_beslut"] = DecisionContent(
        lead_in="Utvecklingsutskottet föreslår Regionstyrelsen att besluta följande:",
        # 2 points without full stops: 2 sentences; Regionen(L) avslutar(L) medlemskapet(L)
        points=["Regionen avslutar medlemskapet", "Beslutet gäller nu"],
    )
    result = section_lix(arende, template.section("forslag_till_beslut"), min_words=1)
    assert result is not None
    # O = 6, M = 2, L = 4 (Regionen, avslutar, medlemskapet, Beslutet) → 3 + 66.67
    assert (result.words, result.sentences, result.long_words) == (6, 2, 4)


def test_section_lix_ignores_lists(template: Template) -> None:
    arende = Arende.new(template)
    arende.sections["expedieras_till"] = ListContent(items=["Regionstyrelsen"] * 60)
    assert section_lix(arende, template.section("expedieras_till"), min_words=1) is None


def test_document_lix_joins_all_running_text(template: Template) -> None:
    arende = Arende.new(template)
    arende.sections["sammanfattning"] = ProseContent(text=_words(30))
    arende.sections["arendet"] = ProseContent(text=_words(30))
    assert section_lix(arende, template.section("sammanfattning")) is None
    result = document_lix(arende, template)
    assert result is not None
    assert (result.words, result.sentences, result.value) == (60, 12, 5.0)
    assert document_lix(Arende.new(template), template) is None
