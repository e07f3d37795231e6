"""What happened on a day, in N sentences: centrality and MMR over multilingual vectors.

A day's candidates (:mod:`~storyline.timeline.evidence`) are folded by text first, so a
wire sentence carried by five outlets is one candidate with five articles behind it. A
cheap lexical centrality keeps the best ``MAX_CANDIDATES`` per day; those are embedded
in one batch (USE multilingual by default, so French, Spanish and Italian sentences about
the same fact sit together). Each is then scored by

    relevance = W_DAY * cos(sentence, day centroid) + W_STORY * cos(sentence, story centroid)
                + W_EXPLICIT * [names the day] + W_COPIES * log(1 + copies)
                + W_DANGLING * [starts with a pronoun standing for someone named before]
                + W_CHRONOLOGY * [an outlet's chronology entry: "March 17 - The Council votes…"]

and picked by maximal marginal relevance (Carbonell & Goldstein 1998): the next sentence
maximises ``LAMBDA * relevance - (1 - LAMBDA) * max cos(sentence, already picked)``, the
already picked including the other dates' summaries, so a sentence does not tell two
days; a candidate within ``NEAR_COPY_COS`` of a line already chosen for its day is
another wording of it and is dropped. Sentences in the wanted language win over any
other; one in another language is used only when the day has nothing in the wanted one
or to tell something the chosen ones do not (a sentence within ``TRANSLATION_COS`` of a
chosen one in another language is its translation, or the same fact told elsewhere, and is
dropped), and stays in its own language (nothing is machine-translated).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Sequence

import numpy as np

from storyline.clean.residue import is_chronology_entry
from storyline.embed.base import Embedder, centroid
from storyline.extract.text import fold
from storyline.timeline.evidence import Candidate
from storyline.timeline.sources import TRANSLATION_COS

__all__ = ["Pick", "dangling", "on_story", "summarize_days", "MAX_CANDIDATES"]

# Weights chosen on T17 with `storyline eval timeline --corpus t17` (AR1/AR2-F, T17 only),
# one at a time from W_STORY 0.5, W_COPIES 0.05, W_LEX 0: W_STORY 0/0.5/1 (AR2 .0264/.0271/.0272),
# W_COPIES 0.05/0.2 (.0271/.0288), W_LEX 0/0.3/1 (.0271/.0277/.0282), W_EXPLICIT 0.05/0.2
# (.0271/.0258), LAMBDA 0.5/0.7/0.85 (.0236/.0271/.0267); MAX_CANDIDATES 30 vs 100 (.0271/.0234).
# Together, with 8-45 word sentences (evidence.py): AR1 0.104, AR2 0.030.
# MAX_CANDIDATES re-swept on T17 once near copies were dropped and days held to the story
# (AR1 / AR2 / Date-F1; the day test weighs the same candidates): 15 0.1305 / 0.0446 / 0.5630,
# 20 0.1304 / 0.0436 / 0.5613, 25 0.1294 / 0.0427 / 0.5630, 30 0.1295 / 0.0431 / 0.5636, 35
# 0.1297 / 0.0421 / 0.5636, 40 0.1307 / 0.0435 / 0.5636, 45 0.1298 / 0.0430, 50 0.1295 / 0.0428,
# 60 0.1299 / 0.0428: flat within 0.0013 from 15 to 60; 40 is the best of the sweep and no
# more than that (it costs 2.22 -> 2.80 s in bench/timeline.py). ML-Crisis, held out: fr and es
# alike at 30 and 40; the French timeline from fr+es+it articles got AR1 0.095 at 15, 0.101 at
# 30, 0.107 at 40 until the wanted language went first in the cut (_prefilter), and now 0.114
# at 30, 0.113 at 40.
MAX_CANDIDATES = 40
W_DAY, W_STORY, W_EXPLICIT, W_COPIES, W_LEX = 1.0, 1.0, 0.05, 0.2, 1.0
LAMBDA = 0.7
# A line read on its own cannot start with "Il" or "She": who is it? Such sentences lose to
# any other close one (T17 AR1 / AR2 0.1126 / 0.0329 without, 0.1125 / 0.0330 at -0.5).
W_DANGLING = -0.5
_DANGLING = re.compile(r"\W{0,2}(?:Il|Elle|Ils|Elles|Celui-ci|Celle-ci|Ce dernier|Cette dernière|"
                       r"He|She|It|They|This|These|Those|His|Her|Their|Its|"
                       r"Él|Ella|Ellos|Ellas|Lui|Lei|Egli|Essi|Esse)\b")
# An outlet's own chronology entry for the day is written as a timeline line is: one dated
# event, said plainly. It is kept among the candidates and preferred. Chosen on T17 (AR1 / AR2
# 0.1186 / 0.0353 without, 0.1204 / 0.0373 at 0.3, 0.1217 / 0.0384 at 0.5, 0.1213 / 0.0383 at
# 1, 0.1211 / 0.0381 at 2); ML-Crisis fr, held out: 0.0885 / 0.0113 without, 0.0875 / 0.0097
# at 0.5 while glued sentences ("par l'armée.La France") were one, 0.0912 / 0.0129 now
# (0.0912 / 0.0132 without). The T17 gain is mostly where the collection holds the chronology
# its reference timeline was taken from (see storyline.evaluate.timelines): it is kept for
# what it does for a reader, not for that figure.
W_CHRONOLOGY = 0.5
# A day's second line that tells its first again in other words ("May 7 - BP tries to lower
# the containment dome over the leak..." and "...a containment dome...", two editions of one
# chronology) says nothing new: MMR's redundancy term alone let such pairs through. A
# candidate this close to a line already chosen for the day is dropped. Chosen on T17 (AR1 /
# AR2 0.1238 / 0.0409 without; 0.1249 / 0.0412 at 0.9, 0.1258 / 0.0412 at 0.8, 0.1268 / 0.0412
# at 0.7, 0.1277 / 0.0423 at 0.65, 0.1274 / 0.0403 at 0.6, 0.1247 / 0.0386 at 0.5); ML-Crisis,
# held out, at 0.65: fr 0.0912 / 0.0128 -> 0.0920 / 0.0137, fr from fr+es+it 0.1000 / 0.0102 ->
# 0.1010 / 0.0114, es 0.206 / 0.117 -> 0.211 / 0.121. Dropping candidates this close to other
# days' lines too lost (T17 AR1 0.1232): the references tell an event again on later days.
NEAR_COPY_COS = 0.65
OTHER_LANGUAGE = -10.0  # a sentence in another language only when nothing else exists
_WORD = re.compile(r"\w{3,}", re.UNICODE)


@dataclass
class Pick:
    candidate: Candidate
    copies: list[Candidate]


def dangling(line: str) -> bool:
    """True when ``line`` opens on a pronoun standing for someone or something named before."""
    return bool(_DANGLING.match(line))


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def _text_key(text: str) -> str:
    return " ".join(_WORD.findall(fold(text)))[:200]


def _key(pick: Pick) -> str:
    return _text_key(pick.candidate.text)


def _fold_copies(candidates: Sequence[Candidate]) -> list[Pick]:
    """One pick per sentence text. The line cites an original with a known outlet before a
    copy or a page of unknown origin (they stay behind it, in ``copies``), then the earliest."""
    def rank(c: Candidate):
        return (not c.explicit, c.doc.duplicate_of is not None, not c.doc.source, c.doc.published or date.max,
                c.doc.id, c.start)

    groups: dict[str, Pick] = {}
    for c in sorted(candidates, key=rank):
        key = _text_key(c.text)
        if key in groups:
            groups[key].copies.append(c)
        else:
            groups[key] = Pick(c, [])
    return list(groups.values())


def _lexical(picks: list[Pick]) -> list[float]:
    """How much of a sentence's vocabulary the day's other sentences share, scaled to [0, 1]."""
    bags = [_words(p.candidate.text) for p in picks]
    df = Counter(w for bag in bags for w in bag)
    def centrality(i: int) -> float:
        bag = bags[i]
        if not bag:
            return 0.0
        return sum(math.log(df[w]) for w in bag) / math.sqrt(len(bag)) + 0.5 * math.log1p(len(picks[i].copies))
    scores = [centrality(i) for i in range(len(picks))]
    top = max(scores, default=0.0) or 1.0
    return [x / top for x in scores]


def _chronology(pick: Pick) -> bool:
    return pick.candidate.explicit and is_chronology_entry(pick.candidate.text)


def _prefilter(picks: list[Pick], limit: int, lang: str | None = None) -> list[Pick]:
    """Keep the ``limit`` picks whose words the day's other candidates share most (chronology
    entries first among equals), those in ``lang`` before any other: they win the day anyway,
    and on a day told mostly in another language they would not all make the cut (ML-Crisis,
    French timeline from fr + es + it articles, AR1 / AR2 0.107 / 0.013 -> 0.113 / 0.015)."""
    if len(picks) <= limit:
        return picks
    scores = [score + W_CHRONOLOGY * _chronology(p) - OTHER_LANGUAGE * (p.candidate.doc.lang == lang)
              for score, p in zip(_lexical(picks), picks)]
    order = sorted(range(len(picks)), key=lambda i: -scores[i])
    return [picks[i] for i in order[:limit]]


def _weighed(days: dict[str, list[Candidate]], embedder: Embedder,
             lang: str | None) -> tuple[list[tuple[str, Pick]], np.ndarray, np.ndarray]:
    """The candidates each day is weighed on (copies folded, then :func:`_prefilter`), as
    ``(day, pick)`` pairs, with their vectors and the centroid of them all."""
    pools = {value: _prefilter(_fold_copies(cands), MAX_CANDIDATES, lang) for value, cands in days.items()}
    flat = [(value, p) for value, ps in pools.items() for p in ps]
    if not flat:
        return flat, np.zeros((0, embedder.dim), dtype=np.float32), np.zeros(embedder.dim, dtype=np.float32)
    vectors = embedder.embed([p.candidate.text for _, p in flat])
    return flat, vectors, centroid(vectors)


def on_story(days: dict[str, list[Candidate]], embedder: Embedder, lang: str | None = None) -> dict[str, float]:
    """Per day (``days``: value -> candidates), how close its sentence nearest the story comes
    to it: the best cosine between one of its candidates (those :func:`summarize_days` would
    weigh) and the centroid of every day's."""
    flat, vectors, story = _weighed(days, embedder, lang)
    best = dict.fromkeys(days, 0.0)
    for (value, _), cos in zip(flat, vectors @ story):
        best[value] = max(best[value], float(cos))
    return best


def summarize_days(days: dict[str, list[Candidate]], embedder: Embedder, n: int, *,
                   lang: str | None = None, order: Sequence[str] | None = None) -> dict[str, list[Pick]]:
    """Up to ``n`` sentences per day (``days``: value -> candidates), in ``order`` (best day first)."""
    flat, vectors, story = _weighed(days, embedder, lang)
    if not flat:
        return {value: [] for value in days}
    by_day: dict[str, list[int]] = {}
    for i, (value, _) in enumerate(flat):
        by_day.setdefault(value, []).append(i)
    chosen_all: list[int] = []
    told: set[str] = set()
    out: dict[str, list[Pick]] = {}
    for value in order or list(days):
        rows = by_day.get(value, [])
        if not rows:
            out[value] = []
            continue
        v = vectors[rows]
        relevance = W_DAY * (v @ centroid(v)) + W_STORY * (v @ story)
        if W_LEX:
            relevance += W_LEX * np.asarray(_lexical([flat[i][1] for i in rows]))
        for k, i in enumerate(rows):
            pick = flat[i][1]
            relevance[k] += W_EXPLICIT * pick.candidate.explicit + W_COPIES * math.log1p(len(pick.copies))
            relevance[k] += W_CHRONOLOGY * _chronology(pick)
            if dangling(pick.candidate.line):
                relevance[k] += W_DANGLING
            if lang and pick.candidate.doc.lang and pick.candidate.doc.lang != lang:
                relevance[k] += OTHER_LANGUAGE
        picked: list[int] = []
        # a sentence already telling another day (or a copy of it) is not told twice
        free = [k for k in range(len(rows)) if _key(flat[rows[k]][1]) not in told]
        while free and len(picked) < n:
            if chosen_all:
                redundancy = (v[free] @ vectors[chosen_all].T).max(axis=1)
            else:
                redundancy = np.zeros(len(free))
            mmr = LAMBDA * relevance[free] - (1 - LAMBDA) * redundancy
            best = free[int(np.argmax(mmr))]
            free.remove(best)
            picked.append(best)
            chosen_all.append(rows[best])
            told.add(_key(flat[rows[best]][1]))
            # its translation (or the other language's telling of it) is not a second line but
            # more outlets behind this one; another wording of it in the same language is no
            # second line either
            chosen = flat[rows[best]][1]
            kept = []
            for k in free:
                other = flat[rows[k]][1]
                cos = float(v[k] @ v[best])
                if other.candidate.doc.lang != chosen.candidate.doc.lang and cos >= TRANSLATION_COS:
                    chosen.copies.extend([other.candidate, *other.copies])
                elif cos < NEAR_COPY_COS:
                    kept.append(k)
            free = kept
        out[value] = [flat[rows[k]][1] for k in picked]
    return out
