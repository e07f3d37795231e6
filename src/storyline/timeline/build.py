"""One story's timeline, from its articles and what the extraction found in them.

:func:`build_timeline` runs the timeline stage in order:

1. gather, per day, the articles that name it or were published on it, and the
   sentences that may tell it (:mod:`~storyline.timeline.evidence`), leaving out the
   articles far from the rest of the story (:func:`on_story_docs`);
2. rank the days with the weights learned on T17 (:mod:`~storyline.timeline.dates`) and
   keep the best T that have something to say about the story (``ON_STORY_SHARE``); a
   month that many articles name while no kept day falls in it becomes a month entry;
3. summarize each kept date in N sentences (:mod:`~storyline.timeline.summarize`);
4. attach each date's most reported quotes, its articles and outlets, and the facts on
   which outlets disagree (:mod:`~storyline.timeline.sources`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Collection, Mapping, Sequence

import numpy as np

from storyline.embed.base import Embedder, centroid
from storyline.records import DateMention, Quote, Timeline, TimelineEntry, TimelineLine
from storyline.timeline.dates import DateWeights, rank_days
from storyline.timeline.evidence import DayEvidence, Doc, gather
from storyline.timeline.sources import date_quotes, disagreements
from storyline.timeline.summarize import Pick, dangling, on_story, summarize_days

__all__ = ["build_timeline", "default_max_dates", "on_story_docs", "MAX_DATES_DEFAULT", "SENTENCES_DEFAULT"]

SENTENCES_DEFAULT = 2
MAX_DATES_DEFAULT = 30
# Without --max-dates, a day is kept when the ranker gives it at least this probability of
# being on a reference timeline; on T17 that keeps about as many days as the references
# have (python -m storyline.timeline.train prints the ratio).
KEEP_PROBABILITY = 0.3
MIN_DATES = 3
MONTH_SHARE = 1.0  # a month entry needs as many naming articles as the median kept day


# A day none of whose sentences comes near the story is not kept: what the collection says
# of it is something else (a radio listing, a genealogy post, share prices on a page that
# also names the story). The best-ranked T + 10 days are tested: a sentence of each must
# come within ON_STORY_SHARE of the median day's (closeness: cosine to the centroid of all
# their sentences; relative, so that it holds for any embedding model). Chosen on T17 (AR1 /
# AR2 / Date-F1 0.1277 / 0.0423 / 0.5592 without; testing 2T + 10 days: 0.1280 / 0.0424 /
# 0.5630 at 0.5, 0.1283 / 0.0425 / 0.5624 at 0.6, 0.1285 / 0.0426 / 0.5637 at 0.65, 0.1289 /
# 0.0426 / 0.5622 at 0.7, 0.1292 / 0.0429 / 0.5604 at 0.75, 0.1298 / 0.0432 / 0.5592 at 0.8;
# T + 10 days at 0.65: 0.1285 / 0.0426 / 0.5628, in half the time). An absolute cosine of 0.4
# (USE) did as well on T17 (0.1289 / 0.0428 / 0.5639) but means nothing for another model;
# holding each line, not only each day, to it lost on ML-Crisis es (AR1 0.210 -> 0.200).
ON_STORY_SHARE = 0.65
POOL_EXTRA = 10


# An article far from the rest of its story lends it neither days nor sentences: a page the
# clustering (or a collection) let in names days for its own subject (a football report in an
# Iraq-war story, share prices in an oil-spill one). With the story's article vectors at hand
# (those the store keeps), an article whose cosine to the centroid of its language's articles
# is under this share of the median one's is left out of the timeline. Per language, because
# multilingual vectors still sit closer within a language: one centroid for fr+es+it dropped
# the minority languages' articles (ML-Crisis French timeline from fr+es+it, AR1 / AR2 /
# Date-F1 0.113 / 0.015 / 0.415 -> 0.108 / 0.013 / 0.406; per language 0.113 / 0.014 / 0.423).
# Chosen on T17, the date weights refitted on what is left (0.1307 / 0.0435 / 0.5636 without;
# 0.1323 / 0.0437 / 0.5624 at 0.6, 0.1341 / 0.0450 / 0.5636 at 0.7, 0.1335 / 0.0447 / 0.5642 at
# 0.75, 0.1340 / 0.0450 / 0.5625 at 0.8, 0.1339 / 0.0453 / 0.5617 at 0.85). ML-Crisis, held
# out, at 0.7: fr unchanged, es 0.210 / 0.119 / 0.594 -> 0.211 / 0.122 / 0.583, it 0.029 /
# 0.004 / 0.118 -> 0.036 / 0.005 / 0.137.
ON_STORY_ARTICLE_SHARE = 0.7


def on_story_docs(docs: Sequence[Doc], vectors: Mapping[str, np.ndarray] | None) -> list[Doc]:
    """``docs`` less those far from the others in their language (``ON_STORY_ARTICLE_SHARE``);
    a doc with no vector in ``vectors`` stays, and so does a language with fewer than three."""
    far: set[str] = set()
    groups: dict[str | None, list[Doc]] = {}
    for d in docs:
        if vectors and d.id in vectors:
            groups.setdefault(d.lang, []).append(d)
    for have in groups.values():
        if len(have) < 3:
            continue
        v = np.stack([np.asarray(vectors[d.id], dtype=np.float32) for d in have])
        cos = v @ centroid(v)
        floor = ON_STORY_ARTICLE_SHARE * float(np.median(cos))
        far |= {d.id for d, x in zip(have, cos) if x < floor}
    return [d for d in docs if d.id not in far]


class _Memo:
    """An embedder that embeds each text once."""

    def __init__(self, embedder: Embedder) -> None:
        self.inner, self.name, self.dim = embedder, embedder.name, embedder.dim
        self.seen: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.seen))
        if missing:
            self.seen.update(zip(missing, self.inner.embed(missing)))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.seen[t] for t in texts])


def default_max_dates(ranked: Sequence[tuple[date, float]]) -> int:
    likely = sum(1 for _, score in ranked if 1 / (1 + math.exp(-score)) >= KEEP_PROBABILITY)
    return max(min(MIN_DATES, len(ranked)), min(likely, MAX_DATES_DEFAULT))


def majority_lang(docs: Sequence[Doc]) -> str | None:
    counts = Counter(d.lang for d in docs if d.lang)
    return counts.most_common(1)[0][0] if counts else None


def _month_entries(evidence, kept: list[date], limit: int) -> list[DayEvidence]:
    """Months named by many articles with no kept day in them (``en mars``, ``last October``)."""
    if not kept or limit <= 0:
        return []
    sizes = sorted(len(evidence.days[d].mention_docs | evidence.days[d].reports) for d in kept)
    median = sizes[len(sizes) // 2]
    covered = {d.strftime("%Y-%m") for d in kept}
    months = [m for value, m in evidence.months.items()
              if value not in covered and m.candidates and len(m.mention_docs) >= max(2, MONTH_SHARE * median)]
    months.sort(key=lambda m: -len(m.mention_docs))
    return months[:limit]


def _lines(picks: Sequence[Pick]) -> tuple[TimelineLine, ...]:
    """The day's lines; a sentence that opens on a pronoun ("Il doit accélérer…") and comes
    straight after another chosen sentence of its article is read with it, as one line."""
    lines: list[TimelineLine] = []
    spans: list[tuple[str, int, int]] = []  # per line: article id, start and end in its text

    def adjacent(doc: Doc, end: int, start: int) -> bool:
        return end <= start and not doc.text[end:start].strip()

    def also_in(line: TimelineLine, pick: Pick) -> tuple[str, ...]:
        # the articles behind either sentence are behind the joined line
        ids = dict.fromkeys([*line.also_in, *(x.doc.id for x in pick.copies)])
        ids.pop(line.article_id, None)
        return tuple(ids)

    for p in picks:
        c = p.candidate
        for i, (doc_id, start, end) in enumerate(spans):
            if doc_id != c.doc.id:
                continue
            if adjacent(c.doc, end, c.start) and dangling(c.line):
                lines[i] = replace(lines[i], text=f"{lines[i].text} {c.line}", also_in=also_in(lines[i], p))
                spans[i] = (doc_id, start, c.end)
                break
            if adjacent(c.doc, c.end, start) and dangling(lines[i].text):
                lines[i] = replace(lines[i], text=f"{c.line} {lines[i].text}", also_in=also_in(lines[i], p))
                spans[i] = (doc_id, c.start, end)
                break
        else:
            spans.append((c.doc.id, c.start, c.end))
            lines.append(TimelineLine(c.line, c.doc.id, c.doc.source, c.doc.lang, tuple(x.doc.id for x in p.copies)))
    return tuple(lines)


def build_timeline(docs: Sequence[Doc], mentions: Sequence[DateMention], embedder: Embedder, *,
                   quotes: Sequence[Quote] = (), story_id: str | None = None, title: str = "",
                   start: date | None = None, end: date | None = None, max_dates: int | None = None,
                   sentences_per_date: int = SENTENCES_DEFAULT, lang: str | None = None,
                   months: bool = True, weights: DateWeights | None = None,
                   names: Mapping[str, str] | None = None, persons: Collection[str] | None = None,
                   vectors: Mapping[str, np.ndarray] | None = None) -> Timeline:
    """The timeline of ``docs`` (see the module docstring); ``lang`` defaults to the docs' majority.
    ``vectors``: the articles' vectors by id, when known (see :func:`on_story_docs`); ``persons``:
    the ids of the entities that are people, when known (see :func:`~storyline.timeline.sources.date_quotes`)."""
    docs = [d for d in docs if d.published is None or ((start is None or d.published >= start)
                                                        and (end is None or d.published <= end))]
    docs = on_story_docs(docs, vectors)
    kept_ids = {d.id for d in docs}
    mentions = [m for m in mentions if m.article_id in kept_ids]
    quotes = [q for q in quotes if q.article_id in kept_ids]
    lang = lang or majority_lang(docs)
    evidence = gather(docs, mentions, start, end)
    ranked = [(d, s) for d, s in rank_days(evidence, weights) if evidence.days[d].candidates]
    t = max_dates if max_dates is not None else default_max_dates(ranked)
    embedder = _Memo(embedder)  # the days' candidates are embedded once, for both steps
    pool = ranked[:t + POOL_EXTRA]
    fit = on_story({d.isoformat(): list(evidence.days[d].candidates.values()) for d, _ in pool}, embedder, lang)
    floor = ON_STORY_SHARE * float(np.median(list(fit.values()))) if fit else 0.0
    ranked = [(d, s) for d, s in pool if fit[d.isoformat()] >= floor] + ranked[len(pool):]
    kept = [d for d, _ in ranked[:t]]
    scores = dict(ranked)
    month_evidence = _month_entries(evidence, kept, t // 5) if months else []
    if month_evidence:
        kept = kept[:t - len(month_evidence)]
    chosen: dict[str, DayEvidence] = {d.isoformat(): evidence.days[d] for d in kept}
    chosen.update({m.value: m for m in month_evidence})
    order = [d.isoformat() for d in kept] + [m.value for m in month_evidence]
    picks = summarize_days({v: list(ev.candidates.values()) for v, ev in chosen.items()}, embedder,
                           sentences_per_date, lang=lang, order=order)
    by_id = evidence.docs
    quotes_by_date, found = date_quotes(quotes, mentions, chosen, by_id, names, embedder=embedder, lang=lang,
                                         persons=persons)
    entries = []
    for value in sorted(chosen):
        ev = chosen[value]
        ids = sorted(ev.article_ids(), key=lambda i: (by_id[i].published or date.max, i))
        lines = _lines(picks.get(value, []))
        granularity = "month" if len(value) == 7 else "day"
        score = scores.get(date.fromisoformat(value), 0.0) if granularity == "day" else 0.0
        entry_quotes = quotes_by_date.get(value, ())
        entries.append(TimelineEntry(
            date=value, granularity=granularity, score=round(score, 4), summary=lines, quotes=entry_quotes,
            article_ids=tuple(ids), sources=tuple(sorted({by_id[i].source for i in ids if by_id[i].source})),
            disagreements=disagreements(ev, found.get(value, ())),
        ))
    return Timeline(story_id, title, lang, tuple(entries), len(docs))
