"""Who said what on each date, and where the outlets disagree.

Quotes: a quote belongs to the day its sentence names; failing that, to the day its
article was published. Copies of one quote across articles are one quote reported by
several outlets, ranked by how many outlets and articles carry it, then those whose
speaker is a known entity; its speaker is the canonical entity most of them name. Copies
are: the same first words (accents and case aside); on one day, a quote whose words are a
run of another's ("peuple libyen ne se rendra jamais" in "Le peuple libyen ne se rendra
jamais"); and on one day, the same quote in two languages (multilingual vectors at cosine
``TRANSLATION_COS`` or more), so the French and the English report of one sentence count
together, the speaker one of them names is the quote's, and the text shown is the one in
the timeline's language.

Disagreements, attached to the entry they concern:
- ``speaker``: outlets attribute the same quote, of ``DISAGREE_MIN_WORDS`` words or more, to
  different people (one article giving a quote two speakers is no disagreement between
  outlets), each a known person, in reports published within ``SAME_OCCASION_DAYS`` of the
  quote's day;
- ``date``: outlets place the same quote, of ``DISAGREE_MIN_WORDS`` words or more, on different
  days within ``SAME_OCCASION_DAYS`` of each other, each naming its day;
- ``number``: outlets give different figures for the same count on that day ("12 morts"
  against "15 morts"), each figure from a different outlet than the others; a noun that one
  article gives two figures for counts two things, and is left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Collection, Iterable, Mapping, Sequence

import numpy as np

from storyline.embed.base import Embedder
from storyline.extract.text import Sentences, fold
from storyline.records import DateMention, Disagreement, Quote, TimelineQuote
from storyline.timeline.evidence import DayEvidence, Doc

__all__ = ["date_quotes", "disagreements", "QUOTES_PER_DATE"]

QUOTES_PER_DATE = 3
# Translations of one quote (fr/en, USE multilingual) scored 0.75 to 0.90 on our pairs,
# a loose one 0.50; different quotes in two languages 0.37 at most. Among 21,563 pairs of
# different French quotes reported on the same day (ML-Crisis fr), 0.2% reached 0.70, and
# one language is never merged this way.
TRANSLATION_COS = 0.7
# Two quotes in two languages given to the same person are one quote translated at a lower
# cosine: a free translation ("Il s'agit d'une agression préméditée contre notre
# souveraineté" / "This was a premeditated attack on our sovereignty") scores 0.69, still far
# above the 0.37 of two different quotes.
SAME_SPEAKER_COS = 0.6
QUOTE_KEY_WORDS = 10
# The same words reported further apart than this may be another occasion rather than another
# speaker: "toutes les mesures nécessaires", Susan Rice's in March, Anders Fogh Rasmussen's in May
# (French ML-Crisis, Libya); a chant of December 2012 heard again in June 2013.
SAME_OCCASION_DAYS = 7
# Fewer words than this are words said again and again ("civils et militaires", "Nous finirons
# par vaincre", "Día de la ira"): who said them or when is no outlets' disagreement.
DISAGREE_MIN_WORDS = 5
MIN_QUOTE_WORDS = 3
# Counts that outlets report and often get differently: casualties, crowds, arrests.
_COUNT_WORDS = (
    "morts", "tués", "blessés", "victimes", "manifestants", "personnes", "soldats", "civils", "arrestations",
    "disparus", "réfugiés", "voix", "suffrages",
    "dead", "killed", "injured", "wounded", "victims", "protesters", "people", "soldiers", "civilians", "arrests",
    "missing", "refugees", "votes",
    "muertos", "heridos", "víctimas", "manifestantes", "personas", "soldados", "civiles", "detenidos", "votos",
    "morti", "feriti", "vittime", "manifestanti", "persone", "soldati", "civili", "arresti", "voti",
)
# "personnes" alone says not what was counted: on one ML-Crisis day "personas" counted the
# dead of a city (275), of the country (640), refugees at a border (5,000) and a plane's
# passengers (10). It counts only with what happened to them ("275 personnes tuées"), and is
# keyed with it; "personnes tuées" and "personnes blessées" are two counts.
_GENERIC = {"personnes", "people", "personas", "persone"}
_WHAT_HAPPENED = (
    "tuées", "mortes", "blessées", "arrêtées", "disparues", "déplacées", "évacuées",
    "killed", "dead", "injured", "wounded", "arrested", "missing", "displaced", "evacuated",
    "muertas", "fallecidas", "heridas", "detenidas", "desaparecidas",
    "uccise", "morte", "ferite", "arrestate", "disperse",
)
# The sentences are matched folded (no accents, lower case); the outlets' words are shown.
_SHOWN = {fold(w): w for w in (*_COUNT_WORDS, *_WHAT_HAPPENED)}
_COUNT = re.compile(r"\b(\d{1,3}(?:[ .,\u202f\u00a0]\d{3})*|\d+)\s+(?:\w+\s+)?("
                    + "|".join(sorted({fold(w) for w in _COUNT_WORDS}, key=len, reverse=True))
                    + r")\b(?:\s+(\w{4,}))?")


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


_Placed = tuple[Quote, "str | None", bool]


def date_quotes(quotes: Sequence[Quote], mentions: Sequence[DateMention], chosen: Mapping[str, DayEvidence],
                docs: Mapping[str, Doc], names: Mapping[str, str] | None = None, *,
                embedder: Embedder | None = None, lang: str | None = None,
                persons: Collection[str] | None = None
                ) -> tuple[dict[str, tuple[TimelineQuote, ...]], dict[str, list[Disagreement]]]:
    """The most reported quotes of each chosen date, and the speaker/date disagreements found on them.

    ``embedder`` (multilingual) joins translations of one quote; ``lang`` is the language
    whose wording is shown when a quote was reported in several; ``persons``: the ids of the
    entities that are people, when known.
    """
    names = names or {}
    placed = _quote_days(quotes, mentions, docs)
    groups: dict[str, list[_Placed]] = defaultdict(list)
    for item in placed:
        groups[_key(item[0].text)].append(item)
    found: dict[str, list[Disagreement]] = defaultdict(list)
    by_day: dict[str, list[list[_Placed]]] = defaultdict(list)
    for items in groups.values():
        explicit_days = defaultdict(set)
        for q, day, explicit in items:
            if explicit and day:
                explicit_days[day].add(q.article_id)
        # one day per quote: the day its sentences name, else its first report
        named = sorted(explicit_days, key=lambda d: (-len(explicit_days[d]), d))
        reported = sorted(day for _, day, _ in items if day)
        first = named[0] if named else (reported[0] if reported else None)
        if (len(explicit_days) > 1 and _outlets(explicit_days.values(), docs) > 1
                and _long_enough(items) and _one_occasion(explicit_days)):
            versions = tuple((day, tuple(sorted(ids))) for day, ids in sorted(explicit_days.items()))
            for day in set(explicit_days) & set(chosen):
                found[day].append(Disagreement("date", items[0][0].text[:120], versions))
        if first in chosen:
            by_day[first].append(items)
    per_date: dict[str, list[tuple[tuple[int, int], bool, TimelineQuote]]] = defaultdict(list)
    for day, day_groups in by_day.items():
        for items in _join_copies(day_groups, docs, embedder):
            speakers, speaker_ids = _speakers(items, names)
            top = max(speakers, key=lambda s: (len(speakers[s]), s)) if speakers else None
            shown = max((q for q, _, _ in items), key=lambda q: (docs[q.article_id].lang == lang, len(q.text)))
            ids = tuple(sorted({q.article_id for q, _, _ in items}))
            sources = tuple(sorted({docs[i].source for i in ids if docs[i].source}))
            quote = TimelineQuote(shown.text, top, speaker_ids.get(top) if top else None, ids, sources)
            per_date[day].append(((len(sources), len(ids)), lang is None or docs[shown.article_id].lang == lang, quote))
            rivals = _rival_speakers(speakers, speaker_ids, day, docs, persons)
            if len(rivals) > 1 and _outlets(rivals.values(), docs) > 1 and _long_enough(items):
                versions = tuple((name, tuple(sorted(a))) for name, a in sorted(rivals.items()))
                found[day].append(Disagreement("speaker", shown.text[:120], versions))
    # among quotes as widely reported, one in the reader's language first (a French reader of a
    # story also told in Spanish and Italian), then one whose speaker is a known entity: "— la
    # journée de jeudi" or no speaker at all tells the reader less
    ranked = {day: tuple(q for _, _, q in sorted(items, key=lambda x: (-x[0][0], -x[0][1], not x[1],
                                                                       x[2].speaker_entity_id is None,
                                                                       x[2].text))[:QUOTES_PER_DATE])
              for day, items in per_date.items()}
    return ranked, found


def _speakers(items: Sequence[_Placed], names: Mapping[str, str]) -> tuple[dict[str, set[str]], dict[str, str | None]]:
    """Who the reports of one quote say spoke (name -> article ids), and their entity ids.
    "La porte-parole de l'armée" left unlinked where another report names her is not another
    speaker: unlinked speakers count only when no report names an entity."""
    linked = any(q.speaker_entity_id for q, _, _ in items)
    speakers: dict[str, set[str]] = defaultdict(set)
    speaker_ids: dict[str, str | None] = {}
    for q, _, _ in items:
        if q.speaker_entity_id or (q.speaker and not linked):
            name = names.get(q.speaker_entity_id or "", q.speaker or "")
            speakers[name].add(q.article_id)
            speaker_ids[name] = q.speaker_entity_id
    return speakers, speaker_ids


def _rival_speakers(speakers: Mapping[str, set[str]], speaker_ids: Mapping[str, str | None], day: str,
                    docs: Mapping[str, Doc], persons: Collection[str] | None) -> dict[str, set[str]]:
    """The speakers of one quote that disagree: known entities, people where the types are known
    (a body, a place or a page's words given beside a person, "Al Jazeera" or "Morceaux choisis :
    « … »" beside Mouammar Kadhafi, are how an outlet told it, not another speaker), as reported
    within ``SAME_OCCASION_DAYS`` of the quote's day."""
    when = date.fromisoformat(day)
    rivals = {}
    for name, ids in speakers.items():
        entity = speaker_ids[name]
        if entity and (persons is None or entity in persons):
            near = {i for i in ids if docs[i].published is None
                    or abs((docs[i].published - when).days) <= SAME_OCCASION_DAYS}
            if near:
                rivals[name] = near
    return rivals


def _long_enough(items: Sequence[_Placed]) -> bool:
    return max(len(q.text.split()) for q, _, _ in items) >= DISAGREE_MIN_WORDS


def _one_occasion(days: Iterable[str]) -> bool:
    """Whether the days outlets give one quote can be one occasion told differently."""
    spread = sorted(date.fromisoformat(d) for d in days)
    return (spread[-1] - spread[0]).days <= SAME_OCCASION_DAYS


def _outlets(versions: Iterable[set[str]], docs: Mapping[str, Doc]) -> int:
    """How many outlets stand behind the versions of a fact (an article of unknown outlet is
    one): one article that gives a quote twice with two speakers is no outlets' disagreement."""
    return len({docs[i].source or i for ids in versions for i in ids})


def _join_copies(groups: list[list[_Placed]], docs: Mapping[str, Doc],
                 embedder: Embedder | None) -> list[list[_Placed]]:
    """One day's quote groups, with a run of another's words, or its translation, joined to it."""
    if len(groups) < 2:
        return groups
    texts = [max((q.text for q, _, _ in g), key=len) for g in groups]
    words = [fold(t).split() for t in texts]
    langs = [{docs[q.article_id].lang for q, _, _ in g} for g in groups]
    speakers = [{q.speaker_entity_id for q, _, _ in g if q.speaker_entity_id} for g in groups]
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            short, long_ = sorted((words[i], words[j]), key=len)
            if len(short) >= MIN_QUOTE_WORDS and f" {' '.join(short)} " in f" {' '.join(long_)} ":
                join(i, j)
    if embedder is not None and len(set().union(*langs)) > 1:
        vectors = np.asarray(embedder.embed(texts), dtype=float)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True).clip(min=1e-12)
        similar = vectors @ vectors.T
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                enough = SAME_SPEAKER_COS if speakers[i] & speakers[j] else TRANSLATION_COS
                if similar[i, j] >= enough and not (langs[i] & langs[j]):
                    join(i, j)
    joined: dict[int, list[_Placed]] = defaultdict(list)
    for i, g in enumerate(groups):
        joined[root(i)].extend(g)
    return list(joined.values())


def number_disagreements(ev: DayEvidence) -> list[Disagreement]:
    """Different figures for the same count from different outlets, in the day's sentences."""
    figures: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    in_doc: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in ev.candidates.values():
        for match in _COUNT.finditer(fold(c.text)):
            number = re.sub(r"\D", "", match.group(1))
            noun = _SHOWN[match.group(2)]
            if noun in _GENERIC:
                if match.group(3) not in _SHOWN or _SHOWN[match.group(3)] not in _WHAT_HAPPENED:
                    continue
                noun = f"{noun} {_SHOWN[match.group(3)]}"
            figures[noun][number].add(c.doc.id)
            in_doc[noun, c.doc.id].add(number)
    # an article that gives two figures for one noun counts two things ("275 personnes tuées
    # à Tripoli", "640 personnes dans tout le pays"): that noun is no one fact to disagree on
    ambiguous = {noun for (noun, _), numbers in in_doc.items() if len(numbers) > 1}
    docs = {c.doc.id: c.doc for c in ev.candidates.values()}
    out = []
    for noun, by_number in figures.items():
        if len(by_number) < 2 or noun in ambiguous:
            continue
        if _outlets(by_number.values(), docs) < 2:
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
