"""Text helpers shared by the extract rules: accent folding, sentences, clause bounds.

Sentences come from rules rather than from a parser: the quote and date rules only
need to know where a sentence or a clause ends, and spaCy's parser or senter would
cost a fifth of the NER time again (bench/extract.py) for boundaries that are worse
around quote marks than these.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

__all__ = ["fold", "Sentences", "clause_bounds", "APOSTROPHES"]

APOSTROPHES = "'’"

# Abbreviations after which a period does not end a sentence (folded, without the dot).
_ABBREVIATIONS = frozenset("""
m mm mme mmes mlle dr pr me st ste mr mrs ms jr sr gen gén col lt sgt sen rep gov prof etc cf
av apr j.-c no nos vol p pp art fig janv févr fevr avr juil sept oct nov déc dec jan feb mar aug
""".split())
# A sentence ends at . ! ? … before a space and a capital (or a digit), or at a line break; and
# where a scraped page lost the space ("reconquise par l'armée.La France", "a poursuivi le
# procureur.\"Il s'agit…") after a word of two lowercase letters or more ("M.Poutine" and
# "Mr.Smith" stay whole).
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"’)]*(?=\s+[«“\"(\[—–-]?\s*[A-ZÀ-ÖØ-Þ0-9])|\n+"
                           r"|(?<=[a-zà-ÿ]{2}[.!?])(?=[«“\"]?[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’])")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, apostrophes or hyphens: ``Kyïv`` -> ``kyiv``, ``l'OTAN`` -> ``l otan``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = out.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    out = re.sub(r"[-'’‐‑–—.]+", " ", out)
    return " ".join(out.split())


class Sentences:
    """Sentence boundaries of one text, found once and looked up by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for match in _SENTENCE_END.finditer(text):
            if match.group().startswith("\n") or not _is_abbreviation(text, match.start()):
                starts.append(match.end())
        self.starts = starts

    def bounds(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``offset``; end excludes the trailing space."""
        i = bisect_right(self.starts, offset) - 1
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return start, end

    def previous(self, offset: int) -> tuple[int, int] | None:
        """The sentence before the one holding ``offset``, or None at the start."""
        start, _ = self.bounds(offset)
        return self.bounds(start - 1) if start > 0 else None


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([\w.-]+)$", text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1).lower()
    # An initial ("J. Biden") or a known abbreviation ("M. Poutine", "Gen. Smith").
    return len(token) == 1 or fold(token).replace(" ", ".") in _ABBREVIATIONS or token in _ABBREVIATIONS


_CLAUSE_STOP = re.compile(r"[;:«»“”\"\n()]|[.!?](?=\s)|,\s+(?:mais|et|but|and|while|alors que|tandis que)\b")


def clause_bounds(text: str, start: int, end: int, limit: int = 160) -> tuple[int, int]:
    """Approximate bounds of the clause around ``text[start:end]``: up to a stop mark either side."""
    left = max(0, start - limit)
    before = text[left:start]
    stops = list(_CLAUSE_STOP.finditer(before))
    clause_start = left + stops[-1].end() if stops else left
    after = text[end:end + limit]
    stop = _CLAUSE_STOP.search(after)
    clause_end = end + stop.start() if stop else min(len(text), end + limit)
    return clause_start, clause_end
