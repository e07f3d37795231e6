"""The one place that runs the stages in order.

:func:`ingest` reads inputs into the store (steps 1-7) and :func:`analyze` folds copies
and groups articles into events and stories (steps 8-11); ``storyline ingest`` runs both:

 1. expand the paths (files, folders, globs) into files, recording paths that fail;
 2. skip files whose exact content was fully read before;
 3. read each file into raw records (ingest stage), or rejections;
 4. clean each record into an article (clean stage), or a rejection;
 5. drop records already stored (same content key), give ids, point exact copies
    at their original (dedup stage);
 6. store articles and rejections, one transaction per batch, and mark files read
    in the transaction that holds their last record;
 7. clean this run's articles again with the lines the run found repeated across
    many otherwise different documents (site boilerplate no pattern knows).

A crash at any point loses nothing: the next run reads again every file not marked
read, and content keys keep what was already stored from being stored twice.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from storyline import ingest as ingest_stage
from storyline.clean.residue import RepeatedLines
from storyline.clean.stage import clean, observed_lines, reclean
from storyline.dedup import assign_ids_and_exact_duplicates
from storyline.progress import DelayedProgress
from storyline.records import Article, Event, RawDoc, Rejected, Story
from storyline.store.base import FileMark, Store

#: Records per transaction. 200 keeps a transaction under ~0.1 s on the 2-core
#: CI machine while amortizing the commit (measured with bench/ingest.py).
BATCH_SIZE = 200
SHOWN_REJECTIONS = 100


@dataclass
class IngestReport:
    """What one ingest run did, for the command line and for tests."""

    files: int = 0
    files_unchanged: int = 0
    added: int = 0
    duplicates: int = 0
    already_stored: int = 0
    dated_by_metadata: int = 0
    dated_by_inference: int = 0
    undated: int = 0
    residue_lines: int = 0
    rejected: Counter = field(default_factory=Counter)
    #: The first rejections of the run, to show the user (all are in the store).
    rejections: list[Rejected] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def anything_ingested(self) -> bool:
        """True when the inputs ended as stored articles, now or in an earlier run."""
        return self.added + self.already_stored + self.files_unchanged > 0


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Batcher:
    """Collects cleaned records and writes them to the store in batches (step 5-6)."""

    def __init__(self, store: Store, report: IngestReport) -> None:
        self.store = store
        self.report = report
        self.articles: list[Article] = []
        self.rejected: list[Rejected] = []
        self.files: list[FileMark] = []
        #: Learns site boilerplate from the run's own documents (step 7).
        self.repeated = RepeatedLines()
        self.added_ids: list[str] = []

    def add(self, record: Article | Rejected) -> None:
        if isinstance(record, Article):
            self.articles.append(record)
            lines = observed_lines(record)
            self.repeated.observe(lines, content=lines.splitlines())
        else:
            self.rejected.append(record)
        if len(self.articles) + len(self.rejected) >= BATCH_SIZE:
            self.flush()

    def file_done(self, mark: FileMark) -> None:
        self.files.append(mark)

    def flush(self) -> None:
        if not (self.articles or self.rejected or self.files):
            return
        fresh = self._drop_stored(self.articles)
        fresh = assign_ids_and_exact_duplicates(fresh, self.store)
        self.store.add_batch(fresh, self.rejected, self.files)
        self._count(fresh)
        self.articles, self.rejected, self.files = [], [], []

    def _drop_stored(self, articles: Sequence[Article]) -> list[Article]:
        known = self.store.known_content_keys(a.content_key for a in articles)
        fresh: list[Article] = []
        for article in articles:
            if article.content_key in known:
                self.report.already_stored += 1
            else:
                known.add(article.content_key)
                fresh.append(article)
        return fresh

    def _count(self, stored: Iterable[Article]) -> None:
        report = self.report
        for article in stored:
            self.added_ids.append(article.id)
            report.added += 1
            report.duplicates += article.duplicate_of is not None
            report.residue_lines += len(article.residue_lines)
            if article.published is None:
                report.undated += 1
            elif article.published_inferred:
                report.dated_by_inference += 1
            else:
                report.dated_by_metadata += 1
        for rejection in self.rejected:
            report.rejected[rejection.reason] += 1
            if len(report.rejections) < SHOWN_REJECTIONS:
                report.rejections.append(rejection)


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    source: str | None = None,
    lang: str | None = None,
    max_bytes: int = ingest_stage.MAX_BYTES_DEFAULT,
    today: date | None = None,
    quiet: bool = False,
) -> IngestReport:
    """Read ``paths`` into ``store``; see the module docstring for the steps."""
    report = IngestReport()
    batcher = _Batcher(store, report)
    # 1. expand: the list is built first so that the progress bar knows its total
    files: list[Path] = []
    own = store.own_paths()
    for item in ingest_stage.expand(paths):
        if isinstance(item, Rejected):
            batcher.add(item)
        elif (path := os.path.abspath(item)) not in own:  # the database is not an input
            files.append(Path(path))
    report.files = len(files)
    with DelayedProgress("ingest", total=len(files), quiet=quiet) as progress:
        for path in files:
            _ingest_file(path, batcher, source=source, lang=lang, max_bytes=max_bytes, today=today)
            progress.advance(status=f"{report.added + len(batcher.articles)} articles")
        batcher.flush()
    _reclean_run(batcher, today)
    return report


def _reclean_run(batcher: _Batcher, today: date | None) -> None:
    """Step 7: strip the lines that recur across this run's documents, in batches."""
    if not len(batcher.repeated):
        return
    store, changed = batcher.store, []
    for article_id in batcher.added_ids:
        article = store.article(article_id)
        updated = reclean(article, batcher.repeated, today=today) if article else None
        if updated is not None:
            report = batcher.report
            report.residue_lines += len(updated.residue_lines) - len(article.residue_lines)
            if (article.published is None) != (updated.published is None):
                report.undated += -1 if updated.published else 1
                report.dated_by_inference += 1 if updated.published else -1
            changed.append(updated)
        if len(changed) >= BATCH_SIZE:
            store.update_texts(changed)
            changed = []
    store.update_texts(changed)


def _ingest_file(
    path: Path, batcher: _Batcher, *, source: str | None, lang: str | None, max_bytes: int, today: date | None
) -> None:
    # 2. unchanged files are skipped whole
    try:
        sha, size = file_sha256(path), path.stat().st_size
    except OSError:
        sha, size = None, 0  # the reader reports why it cannot read the file
    if sha is not None and batcher.store.file_is_done(str(path), sha):
        batcher.report.files_unchanged += 1
        return
    # 3-4. read and clean
    for record in ingest_stage.read(path, max_bytes=max_bytes, source=source, lang=lang):
        batcher.add(clean(record, today=today) if isinstance(record, RawDoc) else record)
    if sha is not None:
        batcher.file_done(FileMark(path=str(path), sha256=sha, size=size))


# -- analysis: near duplicates, vectors, events and stories ------------------------------

#: Articles embedded per call: big enough for the model's batching, small enough for the
#: progress bar to move every second or so on 2 cores (~70 articles/s with passages).
EMBED_CHUNK = 64
CLUSTER_STATE = "cluster"
NEARDUP_STATE = "neardup"
REGISTRY_STATE = "entities"
#: Articles per extract() call: nlp.pipe batches within it; small enough for the bar to move.
EXTRACT_CHUNK = 32


@dataclass
class AnalyzeReport:
    """What one analysis run did."""

    analyzed: int = 0
    near_duplicates: int = 0
    entities: int = 0
    quotes: int = 0
    dates: int = 0
    events: int = 0
    stories: int = 0


def analyze(store: Store, *, embedder=None, ner=None, quiet: bool = False) -> AnalyzeReport:
    """Fold copies, extract, embed, and group into events and stories the articles not analysed yet.

     8. near duplicates: each new article, in publication order, against every article
        indexed before (MinHash LSH on shingles); a copy keeps its source and points to
        its original (an exact copy keeps the original the ingest gave it);
     9. extraction: entities linked to canonical ones across articles and languages,
        quotes with their speakers, dates resolved against the publication date;
    10. vectors: multilingual embeddings of title and first passages, stored per model;
    11. clustering: each new article joins an event or opens one, events join stories
        (copies too: they are coverage); merges may move earlier articles;
    12. events and stories rebuilt from the assignments, and all of it saved in one
        transaction with the clusterer's, the index's and the entity registry's state.

    Only articles the saved clusterer has not seen are analysed: the cost of a run grows
    with what is new, not with the store. A crash before step 11 leaves the store as it
    was, and the next run analyses the same articles again.
    """
    from storyline.cluster import StoryClusterer, cluster_items
    from storyline.dedup.near import NearDuplicateIndex
    from storyline.embed import UseEmbedder, embed_articles
    from storyline.extract import EntityRegistry, ExtractionResult, extract

    report = AnalyzeReport()
    embedder = embedder or UseEmbedder()
    clusterer = _load_state(store, CLUSTER_STATE, StoryClusterer.load) or StoryClusterer(embedder.dim)
    near = _load_state(store, NEARDUP_STATE, NearDuplicateIndex.load) or NearDuplicateIndex()
    seen = {a.article_id for a in clusterer.assignments()}
    summaries = store.article_summaries()
    new_ids = [row[0] for row in summaries if row[0] not in seen]
    if not new_ids:
        return report
    published = {row[0]: row[2] for row in summaries}
    new_ids.sort(key=lambda i: published[i] or "9999")  # arrival in publication order
    articles = [store.article(i) for i in new_ids]

    # 8. near duplicates
    duplicates = []
    for article in articles:
        original = near.add(article.id, article.text)
        if original is not None and article.duplicate_of is None:
            duplicates.append((article.id, original))
    report.near_duplicates = len(duplicates)

    # 9. extraction, in chunks so that the progress bar moves
    registry_state = store.state(REGISTRY_STATE)
    registry = EntityRegistry.from_json(registry_state.decode()) if registry_state else EntityRegistry()
    found = ExtractionResult()
    with DelayedProgress("extract", total=len(articles), quiet=quiet) as progress:
        touched: dict[str, object] = {}
        for start in range(0, len(articles), EXTRACT_CHUNK):
            batch = articles[start : start + EXTRACT_CHUNK]
            part = extract(batch, registry, ner=ner)
            found.mentions += part.mentions
            found.quotes += part.quotes
            found.dates += part.dates
            found.not_analysed += part.not_analysed
            touched.update((entity.id, entity) for entity in part.entities)  # the latest aliases win
            progress.advance(len(batch))
        found.entities = list(touched.values())
    report.entities, report.quotes, report.dates = len(found.entities), len(found.quotes), len(found.dates)

    # 10. vectors (stored ones are reused: a crashed run's work is not lost)
    stored = store.vectors(new_ids, embedder.name)
    vectors = np.zeros((len(articles), embedder.dim), dtype=np.float32)
    missing = [n for n, a in enumerate(articles) if a.id not in stored]
    for n, article in enumerate(articles):
        if article.id in stored:
            vectors[n] = np.frombuffer(stored[article.id], dtype=np.float32)
    with DelayedProgress("embed", total=len(missing), quiet=quiet) as progress:
        for start in range(0, len(missing), EMBED_CHUNK):
            chunk = missing[start : start + EMBED_CHUNK]
            vectors[chunk] = embed_articles([articles[n] for n in chunk], embedder)
            progress.advance(len(chunk))
    new_vectors = [(articles[n].id, embedder.name, vectors[n].tobytes()) for n in missing]

    # 11. clustering
    clusterer.add(cluster_items(articles, vectors))
    report.analyzed = len(articles)

    # 12. events and stories, saved with everything else
    assignments = clusterer.assignments()
    fresh = {a.id: vectors[n] for n, a in enumerate(articles)}

    def vectors_of(ids: Sequence[str]) -> dict[str, np.ndarray]:
        old = store.vectors([i for i in ids if i not in fresh], embedder.name)
        return {**{i: np.frombuffer(v, dtype=np.float32) for i, v in old.items()},
                **{i: fresh[i] for i in ids if i in fresh}}

    events, stories = _groups(assignments, summaries, dict(duplicates), vectors_of)
    report.events, report.stories = len(events), len(stories)
    event_of = {article_id: event.id for event in events for article_id in event.article_ids}
    store.save_analysis(
        states={
            CLUSTER_STATE: _dump_state(clusterer.save),
            NEARDUP_STATE: _dump_state(near.save),
            REGISTRY_STATE: registry.to_json().encode(),
        },
        vectors=new_vectors,
        assignments=[(a.article_id, event_of[a.article_id], a.story_id) for a in assignments],
        duplicates=duplicates,
        events=events,
        stories=stories,
        extraction=found,
    )
    return report


def _load_state(store: Store, name: str, load):
    """A saved state object, through its class's file-based ``load``."""
    data = store.state(name)
    if data is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.state"
        path.write_bytes(data)
        return load(path)


def _dump_state(save) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "state.npz"  # numpy's savez insists on the suffix
        save(path)
        return path.read_bytes()


#: A reported event is a run of the clusterer's event with no gap of more than this many
#: days between publication dates. The clusterer's own events chain days of coverage of
#: one subject together (that is what makes its stories good: a stricter time penalty
#: inside it took ML-Crisis story F1 from 0.873 to 0.749); splitting them at gaps took
#: event B-cubed F1 on the demo corpus's gold events from 0.37 to 0.85 (gaps of 1-2 days
#: 0.85, 3 days 0.83, 4 days 0.79), with stories unchanged.
EVENT_GAP_DAYS = 2


def _split_at_gaps(by_event: dict[str, list[str]], published: dict[str, str | None]) -> dict[str, list[str]]:
    """Each event cut where its publication dates leave a gap; undated articles stay in the first part."""
    out: dict[str, list[str]] = {}
    for event_id, ids in by_event.items():
        dated = sorted((i for i in ids if published.get(i)), key=lambda i: published[i])
        part, previous = 0, None
        for article_id in dated:
            day = date.fromisoformat(published[article_id][:10])
            if previous is not None and (day - previous).days > EVENT_GAP_DAYS:
                part += 1
            out.setdefault(event_id if part == 0 else f"{event_id}.{part}", []).append(article_id)
            previous = day
        undated = [i for i in ids if not published.get(i)]
        if undated:
            out.setdefault(event_id, []).extend(undated)
    return out


def lead_event(members: Sequence[Event]) -> Event:
    """The event a story is titled by: its largest, the earliest among equals (``members``
    in date order)."""
    return max(members, key=lambda e: (len(e.article_ids), -members.index(e)))


def central_headline(event: Event, lang: str | None, headlines: dict[str, tuple[str | None, str, bool]],
                     vectors: dict[str, np.ndarray]) -> str | None:
    """The headline that best says what ``event`` is about, in ``lang``: the title of its
    original (not a copy) in ``lang`` nearest the mean of the event's article vectors, a whole
    headline before a first line cut short ("…"); earliest first where vectors are missing.
    None when the event has no titled article in ``lang``.

    ``headlines``: article id -> (language, title, is a copy). A story is titled this way
    (by its largest event): the event's first report is often a live blog ("EN DIRECT: en
    Libye, Kadhafi lance la contre-offensive") or a blog post's aside ("Egypte : Soirée de
    combats vue par Saad Zaghloul"), where its most central report says what the story is
    ("Libye : les forces de Kadhafi bombardent Ras Lanouf et Zaouïa", "Egypte: 50 morts, les
    Frères musulmans appellent au « soulèvement »", both on French ML-Crisis).
    """
    titled = [i for i in event.article_ids if (h := headlines.get(i)) and h[0] == lang and h[1]]
    candidates = [i for i in titled if not headlines[i][2]] or titled
    if not candidates:
        return None
    score: dict[str, float] = {}
    have = [i for i in event.article_ids if i in vectors]
    if len(have) > 1:
        x = np.stack([vectors[i] for i in have]).astype(np.float64)
        x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        score = dict(zip(have, (x @ x.mean(axis=0)).tolist()))
    # among equals (no vectors) min() keeps the first, the earliest
    best = min(candidates, key=lambda i: (headlines[i][1].endswith("…"), -score.get(i, 0.0)))
    return headlines[best][1]


def _groups(assignments, summaries, new_duplicates: dict[str, str],
            vectors_of=lambda ids: {}) -> tuple[list[Event], list[Story]]:
    """Events and stories from article assignments and article metadata.

    An event is dated by its earliest article and titled by its earliest original (the
    first report, not a repost) in its story's main language when it has one, so that a
    French story whose first report came from an English wire is not headed in English;
    a story is titled by :func:`central_headline` of its largest event (``vectors_of``:
    article ids -> their vectors), in that language too.
    """
    meta = {row[0]: row for row in summaries}
    by_event: dict[str, list[str]] = {}
    story_of: dict[str, str] = {}
    for a in assignments:
        by_event.setdefault(a.event_id, []).append(a.article_id)
        story_of[a.event_id] = a.story_id
    by_event = _split_at_gaps(by_event, {i: row[2] for i, row in meta.items()})
    story_of = {segment: story_of[segment.split(".")[0]] for segment in by_event}
    lang_counts: dict[str, Counter] = {}
    for segment, ids in by_event.items():
        lang_counts.setdefault(story_of[segment], Counter()).update(meta[i][3] for i in ids if meta[i][3])
    main_lang = {story: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for story, c in lang_counts.items() if c}

    def is_copy(article_id: str) -> bool:
        return (meta[article_id][5] or new_duplicates.get(article_id)) is not None

    def ordered(ids):  # earliest first; originals before copies on the same day
        return sorted(ids, key=lambda i: (meta[i][2] or "9999", is_copy(i), i))

    def spread(ids):
        dates = [meta[i][2] for i in ids if meta[i][2]]
        sources = sorted({meta[i][4] for i in ids if meta[i][4]})
        langs = sorted({meta[i][3] for i in ids if meta[i][3]})
        return (min(dates) if dates else None), (max(dates) if dates else None), tuple(sources), tuple(langs)

    events = []
    for event_id, ids in by_event.items():
        ids = ordered(ids)
        start, end, sources, langs = spread(ids)
        lang = main_lang.get(story_of[event_id])
        titled = next((i for i in ids if meta[i][3] == lang), ids[0])
        events.append(Event(event_id, story_of[event_id], meta[titled][1], start, start, end, tuple(ids), sources, langs))
    by_story: dict[str, list[Event]] = {}
    for event in events:
        by_story.setdefault(event.story_id, []).append(event)
    stories = []
    for story_id, members in by_story.items():
        members.sort(key=lambda e: (e.date or "9999", e.id))
        ids = ordered([i for e in members for i in e.article_ids])
        start, end, sources, langs = spread(ids)
        lead = lead_event(members)
        lang = main_lang.get(story_id)
        headlines = {i: (meta[i][3], meta[i][1], is_copy(i)) for i in lead.article_ids}
        title = (central_headline(lead, lang, headlines, vectors_of(lead.article_ids)) if lang else None) or lead.title
        stories.append(Story(story_id, title, start, end, tuple(e.id for e in members), tuple(ids), sources, langs))
    return events, stories
