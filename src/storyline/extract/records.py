"""The extract stage's batch result; its record types live in ``storyline/records.py``.

Every ``start``/``end`` is a character offset into the article's cleaned ``text``
(``text[start:end]`` is the record's ``text``), as DESIGN.md's export requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.records import (  # noqa: F401 - re-exported for the stage's modules
    ENTITY_TYPES, GRANULARITIES, QUOTE_KINDS, DateMention, Entity, Mention, NotAnalysed, Quote,
)

__all__ = ["Mention", "Entity", "Quote", "DateMention", "NotAnalysed", "ExtractionResult",
           "ENTITY_TYPES", "QUOTE_KINDS", "GRANULARITIES"]

@dataclass
class ExtractionResult:
    """What :func:`storyline.extract.extract` found in one batch of articles."""

    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # every entity the batch touched
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    not_analysed: list[NotAnalysed] = field(default_factory=list)

    def for_article(self, article_id: str) -> "ExtractionResult":
        """The part of the result that belongs to one article (entities: those it mentions)."""
        ids = {m.entity_id for m in self.mentions if m.article_id == article_id}
        return ExtractionResult(
            mentions=[m for m in self.mentions if m.article_id == article_id],
            entities=[e for e in self.entities if e.id in ids],
            quotes=[q for q in self.quotes if q.article_id == article_id],
            dates=[d for d in self.dates if d.article_id == article_id],
            not_analysed=[n for n in self.not_analysed if n.article_id == article_id],
        )
