"""Near-duplicates on copies we generate from fictional articles: residue, truncation, light edits."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("rensa", reason="rensa not installed")

from storyline.dedup.near import NearDupConfig, NearDuplicateIndex, shingles, translated_copy_of  # noqa: E402

ORIGINAL = (
    "Arland and Borovia open ceasefire talks in Geneva\n"
    "Negotiators from Arland and Borovia opened talks in Geneva on Tuesday to end the war over Ostrava, "
    "after a year of fighting that displaced hundreds of thousands of people along the northern border. "
    "President Varga sent his foreign minister, Ilse Mertens, who told reporters that a ceasefire could be "
    "signed within weeks if Borovia withdrew its artillery from the hills above the city. "
    "Borovia's delegation, led by deputy prime minister Oleg Dunaev, said the withdrawal would come only "
    "after a prisoner exchange. Swiss mediators said the first session lasted six hours and would resume "
    "on Thursday, with observers from the United Nations and the regional security council present. "
    "Humanitarian groups asked both sides to open a corridor for food convoys before the winter."
)
SAME_TOPIC = (
    "Geneva talks between Arland and Borovia stall over prisoners\n"
    "The ceasefire talks between Arland and Borovia stalled in Geneva on Thursday when the two delegations "
    "could not agree on the order of a prisoner exchange and an artillery withdrawal around Ostrava. "
    "Ilse Mertens accused Oleg Dunaev of delaying tactics, while Borovia said Arland had broken a promise "
    "made by President Varga. The mediators proposed a pause of a week. Aid agencies warned that the "
    "corridor for food convoys was still closed and that winter would make deliveries impossible."
)


def test_residue_truncation_and_edits_point_to_the_original():
    index = NearDuplicateIndex()
    assert index.add("orig", ORIGINAL) is None
    assert index.add("other", SAME_TOPIC) is None
    residue = "Partager.\nAccueil > Monde\n" + ORIGINAL + "\nA lire aussi :\nFloods hit Cedria\nLaisser une réponse"
    truncated = " ".join(ORIGINAL.split(" ")[: int(len(ORIGINAL.split(" ")) * 0.5)])
    edited = ORIGINAL.replace("Tuesday", "Monday").replace("six hours", "seven hours").upper()
    assert index.add("residue", residue) == "orig"
    assert index.add("truncated", truncated) == "orig"
    assert index.add("edited", edited) == "orig"


def test_a_copy_of_a_copy_points_to_the_earliest():
    index = NearDuplicateIndex()
    index.add("first", ORIGINAL)
    index.add("second", "Menu\n" + ORIGINAL)
    assert index.add("third", "Share this article\n" + ORIGINAL + "\nBack to top") == "first"


def test_distinct_articles_on_the_same_topic_are_not_copies():
    index = NearDuplicateIndex()
    index.add("a", ORIGINAL)
    assert index.add("b", SAME_TOPIC) is None
    assert index.query(SAME_TOPIC.replace("Thursday", "Friday")) == [("b", pytest.approx(1.0, abs=0.1))]


def test_a_short_quote_of_a_long_article_is_not_a_copy():
    index = NearDuplicateIndex()
    index.add("long", ORIGINAL)
    quote = " ".join(ORIGINAL.split(" ")[10:30])
    assert index.add("quote", quote) is None


def test_too_short_texts_are_never_called_copies():
    index = NearDuplicateIndex()
    index.add("a", "Floods hit Cedria")
    assert index.add("b", "Floods hit Cedria") is None  # exact copies are the exact-hash step's job


def test_query_does_not_insert():
    index = NearDuplicateIndex()
    index.add("orig", ORIGINAL)
    assert index.query("Menu\n" + ORIGINAL)[0][0] == "orig"
    assert len(index) == 1


def test_save_and_load(tmp_path):
    index = NearDuplicateIndex(NearDupConfig(shingle_words=3))
    index.add("orig", ORIGINAL)
    index.save(tmp_path / "near.pkl")
    loaded = NearDuplicateIndex.load(tmp_path / "near.pkl")
    assert loaded.config.shingle_words == 3
    assert loaded.add("copy", "Menu\n" + ORIGINAL) == "orig"


def test_shingles_ignore_case_accents_and_punctuation():
    assert shingles("Le Président, a dit: «non»!", 2) == shingles("le president a dit non", 2)


def test_translated_copy_rule_needs_same_day_other_language_and_high_similarity():
    v = np.array([1.0, 0.0], np.float32)
    near = np.array([0.97, np.sqrt(1 - 0.97**2)], np.float32)
    far = np.array([0.8, 0.6], np.float32)
    cands = [("en1", near, "en", "2024-03-04"), ("en2", far, "en", "2024-03-04")]
    assert translated_copy_of(v, "fr", "2024-03-04", cands) == "en1"
    assert translated_copy_of(v, "en", "2024-03-04", cands) is None  # same language: shingles' job
    assert translated_copy_of(v, "fr", "2024-03-09", cands) is None  # another day
    assert translated_copy_of(v, "fr", None, cands) is None
    assert translated_copy_of(v, "fr", "2024-03-04", cands[1:]) is None
