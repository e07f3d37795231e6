"""Who said what on each date, and where the outlets disagree.

Quotes: a quote belongs to the day its sentence names; failing that, to the day its
article was published. Copies of one quote across articles (same first words, accents
and case aside) are one quote reported by several outlets, ranked by how many outlets and
articles carry it; its speaker is the canonical entity most of them name.

Disagreements, attached to the entry they concern:
- ``speaker``: outlets attribute the same quote to different people;
- ``date``: outlets place the same quote on different days, each naming its day;
- ``number``: outlets give different figures for the same count on that day ("12 morts"
  against "15 morts"), each figure from a different outlet than the others.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Mapping, Sequence

from storyline.extract.text import Sentences, fold
from storyline.records import DateMention, Disagreement, Quote, TimelineLine, TimelineQuote
from storyline.timeline.evidence import DayEvidence, Doc

__all__ = ["date_quotes", "disagreements", "QUOTES_PER_DATE"]

QUOTES_PER_DATE = 3
QUOTE_KEY_WORDS = 10
MIN_QUOTE_WORDS = 3
# Counts that outlets report and often get differently: casualties, crowds, arrests.
_COUNT_NOUNS = (
    "morts|tues|blesses|victimes|manifestants|personnes|soldats|civils|arrestations|disparus|refugies|voix|suffrages|"
    "dead|killed|injured|wounded|victims|protesters|people|soldiers|civilians|arrests|missing|refugees|votes|"
    "muertos|heridos|victimas|manifestantes|personas|soldados|civiles|detenidos|votos|"
    "morti|feriti|vittime|manifestanti|persone|soldati|civili|arresti|voti"
)
_COUNT = re.compile(rf"\b(\d{{1,3}}(?:[ .,\u202f\u00a0]\d{{3}})*|\d+)\s+(?:\w+\s+)?({_COUNT_NOUNS})\b")


def _key(text: str) -> str:
    return " ".join(fold(text).split()[:QUOTE_KEY_WORDS])


def _quote_days(quotes: Sequence[Quote], mentions: Sequence[DateMention],
                docs: Mapping[str, Doc]) -> list[tuple[Quote, str | None, bool]]:
    """Each quote with its day (ISO) and whether its own sentence names that day."""
    by_doc: dict[str, list[DateMention]] = defaultdict(list)
    for m in mentions:
        if m.resolved and m.granularity == "day" and m.value:
            by_doc[m.article_id].append(m)
    sentences: dict[str, Sentences] = {}
    out = []
    for q in quotes:
        doc = docs.get(q.article_id)
        if doc is None or q.kind == "indirect" or len(q.text.split()) < MIN_QUOTE_WORDS:
            continue  # a paraphrase, or a word or two in quote marks, is not a quote to put on a timeline
        if q.article_id not in sentences:
            sentences[q.article_id] = Sentences(doc.text)
        s_start, s_end = sentences[q.article_id].bounds(q.start)
        named = [m.value for m in by_doc.get(q.article_id, ()) if s_start <= m.start < max(s_end, q.end)]
        if named:
            out.append((q, named[0], True))
        else:
            out.append((q, doc.published.isoformat() if doc.published else None, False))
    return out


def date_quotes(quotes: Sequence[Quote], mentions: Sequence[DateMention], chosen: Mapping[str, DayEvidence],
                docs: Mapping[str, Doc], names: Mapping[str, str] | None = None
                ) -> tuple[dict[str, tuple[TimelineQuote, ...]], dict[str, list[Disagreement]]]:
    """The most reported quotes of each chosen date, and the speaker/date disagreements found on them."""
    names = names or {}
    placed = _quote_days(quotes, mentions, docs)
    groups: dict[str, list[tuple[Quote, str | None, bool]]] = defaultdict(list)
    for item in placed:
        groups[_key(item[0].text)].append(item)
    per_date: dict[str, list[tuple[tuple[int, int], TimelineQuote]]] = defaultdict(list)
    found: dict[str, list[Disagreement]] = defaultdict(list)
    for key, items in groups.items():
        explicit_days = defaultdict(set)
        for q, day, explicit in items:
            if explicit and day:
                explicit_days[day].add(q.article_id)
        # one day per quote: the day its sentences name, else its first report
        named = sorted(explicit_days, key=lambda d: (-len(explicit_days[d]), d))
        reported = sorted(day for _, day, _ in items if day)
        first = named[0] if named else (reported[0] if reported else None)
        days = {first} if first in chosen else set()
        if len(explicit_days) > 1:
            versions = tuple((day, tuple(sorted(ids))) for day, ids in sorted(explicit_days.items()))
            for day in set(explicit_days) & set(chosen):
                found[day].append(Disagreement("date", items[0][0].text[:120], versions))
        if not days:
            continue
        speakers: dict[str, set[str]] = defaultdict(set)
        speaker_ids: dict[str, str | None] = {}
        for q, _, _ in items:
            if q.speaker or q.speaker_entity_id:
                name = names.get(q.speaker_entity_id or "", q.speaker or "")
                speakers[name].add(q.article_id)
                speaker_ids[name] = q.speaker_entity_id
        top = max(speakers, key=lambda s: (len(speakers[s]), s)) if speakers else None
        longest = max((q for q, _, _ in items), key=lambda q: len(q.text))
        ids = tuple(sorted({q.article_id for q, _, _ in items}))
        sources = tuple(sorted({docs[i].source for i in ids if docs[i].source}))
        quote = TimelineQuote(longest.text, top, speaker_ids.get(top) if top else None, ids, sources)
        for day in days:
            per_date[day].append(((len(sources), len(ids)), quote))
            if len(speakers) > 1:
                versions = tuple((name, tuple(sorted(a))) for name, a in sorted(speakers.items()))
                found[day].append(Disagreement("speaker", longest.text[:120], versions))
    ranked = {day: tuple(q for _, q in sorted(items, key=lambda x: (-x[0][0], -x[0][1], x[1].text))[:QUOTES_PER_DATE])
              for day, items in per_date.items()}
    return ranked, found


def number_disagreements(ev: DayEvidence) -> list[Disagreement]:
    """Different figures for the same count from different outlets, in the day's sentences."""
    figures: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    outlets: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in ev.candidates.values():
        for match in _COUNT.finditer(fold(c.text)):
            number = re.sub(r"\D", "", match.group(1))
            noun = match.group(2)
            figures[noun][number].add(c.doc.id)
            outlets[noun][number].add(c.doc.source or c.doc.id)
    out = []
    for noun, by_number in figures.items():
        if len(by_number) < 2:
            continue
        sources = [outlets[noun][n] for n in by_number]
        if len(set().union(*sources)) < 2:
            continue  # one outlet updating its own figure is not a disagreement
        versions = tuple((f"{int(n):,} {noun}".replace(",", " "), tuple(sorted(ids)))
                         for n, ids in sorted(by_number.items(), key=lambda x: int(x[0])))
        out.append(Disagreement("number", noun, versions))
    return out


def disagreements(ev: DayEvidence, found: Sequence[Disagreement]) -> tuple[Disagreement, ...]:
    seen, out = set(), []
    for d in [*number_disagreements(ev), *found]:
        key = (d.kind, d.subject, d.versions)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return tuple(out)
