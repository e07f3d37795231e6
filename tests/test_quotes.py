"""Quote marks repaired only where the pairing is clear; the length never changes."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from storyline.clean.quotes import repair_quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said ”we will stay“ and left.", "He said “we will stay” and left."),
        ("He said “we will stay“ and left.", "He said “we will stay” and left."),
        ("He said ”we will stay” and left.", "He said “we will stay” and left."),
        ("“One“ and “two“.", "“One” and “two”."),
        ("Elle a dit « nous resterons « avant de partir.", "Elle a dit « nous resterons » avant de partir."),
        ("Elle a dit » nous resterons « puis « non ».", "Elle a dit « nous resterons » puis « non »."),
        ("Line one ”a“\nLine two ”b“", "Line one “a”\nLine two “b”"),
        # a French quote closed (or opened) with a straight mark
        ('« Aucun soldat ne sera oublié ", a-t-elle promis.', "« Aucun soldat ne sera oublié », a-t-elle promis."),
        ('« Oui ", dit-il, puis « non ".', "« Oui », dit-il, puis « non »."),
        ('"Nous jugerons sur les actes », a dit Léna Dorsi.', "«Nous jugerons sur les actes », a dit Léna Dorsi."),
    ],
)
def test_wrong_pairs_are_repaired(text, expected):
    assert repair_quotes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Er sagte „wir bleiben“ und ging.",  # German low-high pair
        "Er sagte »wir bleiben« und ging.",  # German/Danish guillemets
        'He said "we will stay" and left.',  # straight quotes: pairing unclear, left alone
        "He said ”we will stay and left.",  # one mark: nothing to pair
        "« Il a dit « non » puis il est parti.",  # nested or continued quote: odd count
        "Il a dit « oui ».",  # already right
        "He said “we will stay” and left.",
        "L’armée a dit ‘non’.",  # single marks double as apostrophes
        "» Le dossier spécial de la rédaction",
        '« Il a dit "non" puis il est parti »',  # a straight pair inside a French quote
        'He said "yes" and « oui ».',
        'Un écran de 12" et « rien ».',  # an inch mark
        '« Il a dit "non », puis rien.',  # the straight mark opens a word: not the closing one
        # a quote inside a quote, spaced the French way: nested pairs as written
        "« Les fouloul [« ci-devant », partisans du régime] ont été capables de se réinventer », écrit-il.",
        "Il a dit « ils ont répondu « non » hier » à la presse.",
    ],
)
def test_unclear_or_correct_text_is_left_alone(text):
    assert repair_quotes(text) == text


def test_conflicting_context_is_left_alone():
    # The second mark opens a word ("“no"), so alternation would be wrong: nested quotes.
    text = "He said “they answered “no” today” to us."
    assert repair_quotes(text) == text


quote_text = st.text(alphabet=st.sampled_from(list("ab .,\n«»“”„\"'’ ")), max_size=60)


@given(quote_text)
def test_length_is_preserved(text):
    assert len(repair_quotes(text)) == len(text)


@given(quote_text)
def test_only_quote_marks_change(text):
    repaired = repair_quotes(text)
    for before, after in zip(text, repaired):
        # a curly mark or guillemet becomes another; a straight mark only ever a guillemet
        assert before == after or {before, after} <= set("«»“”") or (before == '"' and after in "«»")


@given(quote_text)
@example('«""«')  # a repaired guillemet completed a mixed pair around nothing: «""» -> «»«»
@example('«a""a«')  # and around words: «a""a» -> «a»«a»
def test_repair_is_idempotent(text):
    once = repair_quotes(text)
    assert repair_quotes(once) == once
