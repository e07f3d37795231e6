"""The extract stage: who is named, who said what, and which dates, in each article.

One entry point, :func:`extract`; the pieces are one module each:
:mod:`~storyline.extract.ner` (the NER slot), :mod:`~storyline.extract.canonical` (the
entity registry), :mod:`~storyline.extract.mentions`, :mod:`~storyline.extract.quotes`,
:mod:`~storyline.extract.temporal`, and :mod:`~storyline.extract.evaluate` (the annotated
set and the ML-Crisis NER agreement).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.extract.canonical import EntityRegistry, NameEncoder
from storyline.extract.mentions import link_mentions
from storyline.extract.ner import NER, CapitalizedNER, FakeNER, ModelMissing, NerSpan, SpacyNER
from storyline.extract.quotes import find_quotes
from storyline.extract.records import DateMention, Entity, ExtractionResult, Mention, NotAnalysed, Quote
from storyline.extract.temporal import find_dates
from storyline.extract.text import Sentences
from storyline.records import Article

__all__ = [
    "extract", "ExtractionResult", "Mention", "Entity", "Quote", "DateMention", "NotAnalysed",
    "EntityRegistry", "NameEncoder", "NER", "NerSpan", "SpacyNER", "CapitalizedNER", "FakeNER", "ModelMissing",
    "RULE_LANGUAGES", "DATE_LANGUAGES",
]

#: Languages the quote rules are written for; others get no quotes.
RULE_LANGUAGES = frozenset({"fr", "en", "es", "it"})
#: Languages the date rules are written for (Spanish and Italian: explicit dates, weekdays
#: and "ayer"/"ieri" only; see extract/temporal.py); others get no dates.
DATE_LANGUAGES = frozenset({"fr", "en", "es", "it"})

_DEFAULT_NER: SpacyNER | None = None


def _default_ner() -> SpacyNER:
    global _DEFAULT_NER
    if _DEFAULT_NER is None:
        _DEFAULT_NER = SpacyNER()
    return _DEFAULT_NER


def extract(articles: Sequence[Article], registry: EntityRegistry, *, ner: NER | None = None,
            fallback: NER | None = None) -> ExtractionResult:
    """Entities, quotes and dates for a batch of articles; ``registry`` is updated in place.

     1. group the articles by language and run the NER once per language over the batch
        (``nlp.pipe`` batching); a language the NER does not support gets ``fallback``
        (capitalized words, typed by the names the registry knows), and a note;
     2. per article, in input order (the registry is incremental, so order matters as it
        would in a stream): tidy the spans, add known names the NER missed, link every
        name to its canonical entity, tie role phrases ("le président russe") to people;
     3. quotes and their speakers, resolved to the entities of step 2;
     4. temporal expressions resolved against the publication date;
     5. the entities the batch touched, as records (aliases and article ids so far).

    Quotes need French or English rules, dates French, English, Spanish or Italian ones; an
    article in another language gets what its language has, and a :class:`NotAnalysed` note.
    An article whose analysis fails gets a note too; the batch goes on.
    """
    ner = ner or _default_ner()
    fallback = fallback or CapitalizedNER()
    result = ExtractionResult()
    registry.reset_touched()
    # 1. NER per language
    by_lang: dict[str | None, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_lang[article.lang].append(i)
    spans: list[list[NerSpan]] = [[] for _ in articles]
    for lang, indexes in by_lang.items():
        texts = [articles[i].text for i in indexes]
        model = ner if ner.supports(lang) else fallback
        if model is fallback:
            for i in indexes:
                result.not_analysed.append(NotAnalysed(
                    articles[i].id, lang, "no_model",
                    f"no NER model for language {lang!r}: names found by capitalization only; "
                    "install a spaCy model for it to analyse it fully"))
        for i, found in zip(indexes, model.entities(texts, lang or "")):
            spans[i] = found
    untyped = {n.article_id for n in result.not_analysed if n.reason == "no_model"}
    for i, article in enumerate(articles):
        try:
            _one(article, spans[i], registry, result, article.id in untyped)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            result.not_analysed.append(NotAnalysed(article.id, article.lang, "error",
                                                   f"extraction failed ({type(exc).__name__}: {exc}); "
                                                   "report it with the article text"))
    # 5. entities touched
    result.entities = registry.entities(sorted(registry.touched))
    return result


def _one(article: Article, spans: list[NerSpan], registry: EntityRegistry, result: ExtractionResult,
         untyped: bool = False) -> None:
    """``untyped``: the article's names were found without a NER model."""
    text, lang = article.text, article.lang
    # 2. mentions
    ctx = registry.context(article.id, lang, untyped)
    mentions = link_mentions(article.id, text, lang, spans, registry, ctx)
    result.mentions.extend(mentions)
    if lang not in RULE_LANGUAGES:
        what = f"quotes and dates have rules for fr, en, es and it; none for {lang!r}"
        result.not_analysed.append(NotAnalysed(article.id, lang, "no_rules", what))
    else:  # 3. quotes
        ids = {m.entity_id for m in mentions}
        names = {i: registry.name_of(i) for i in ids}
        types = {i: registry.entity_type(i) for i in ids}
        result.quotes.extend(find_quotes(article.id, text, lang, mentions, names, types, Sentences(text), untyped))
    if lang in DATE_LANGUAGES:  # 4. dates
        result.dates.extend(find_dates(article.id, text, lang, article.published))
