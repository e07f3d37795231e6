"""Text normalized for NLP, the exact-duplicate hash, accent folding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.clean.normalize import fold_accents, normalize, text_hash


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le\u00a0président\u202fa dit\u2009: non", "Le président a dit : non"),
        ("a  b\t\tc   d", "a b c d"),
        ("ligne 1   \r\nligne 2\rligne 3", "ligne 1\nligne 2\nligne 3"),
        ("par.\n\n\n\n\nsuite", "par.\n\nsuite"),
        ("\n\n  début  \n\n", "début"),
        ("in\u00adter\u200bna\ufefftional", "international"),
        ("l’armée d‘Égypte n\u02bca pas", "l'armée d'Égypte n'a pas"),
        ("e\u0301te\u0301", "été"),  # decomposed accents composed
        ("Washington PostDonald Trump", "Washington Post Donald Trump"),
        ("le présidentEmmanuel Macron", "le président Emmanuel Macron"),
        ("selon le MondeEmmanuel Macron", "selon le Monde Emmanuel Macron"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "word",
    [
        "iPhone", "McDonald", "MacArthur", "YouTube", "LePoint.fr", "PlayStation", "WikiLeaks", "TikTok",
        "PayPal", "WhatsApp", "LinkedIn", "ElBaradei", "DiCaprio", "LeBron", "eBay", "#ArabProtest",
        "@SarraMoneir", "http://example.com/FooBar", "Jean-PierreMartin", "l'AFPLe", "GlaxoSmithKline",
    ],
)
def test_camel_case_names_are_not_split(word):
    assert normalize(f"avec {word} hier") == f"avec {word} hier"


@given(st.text(alphabet=st.sampled_from(list("aAbBéÉzZ  \u00a0\t\n\r’'.-@#\u00ad\u200bPostDonald")), max_size=80))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text(max_size=80))
def test_normalize_is_idempotent_on_any_text(text):
    once = normalize(text)
    assert normalize(once) == once


def test_text_hash_ignores_case_accents_punctuation_and_spacing():
    a = "L'Égypte a voté, dimanche ; « le oui l'emporte »."
    b = "l’egypte  A VOTÉ dimanche\nle \"oui\" l’emporte"
    assert text_hash(a) == text_hash(b)
    assert len(text_hash(a)) == 40
    assert text_hash(a) != text_hash("L'Égypte a voté lundi.")


def test_fold_accents():
    assert fold_accents("Février, AOÛT, 1ᵉʳ, œuvre") == "fevrier, aout, 1er, oeuvre"
    assert fold_accents("Février", lower=False) == "Fevrier"
