"""One canonical entity per real-world thing, across articles, spellings and languages.

:class:`EntityRegistry` is incremental: each article's mentions are linked in text order
(:meth:`EntityRegistry.link_article`) to the entities already known, or open new ones.
The rules, tried in order for each mention (first that answers wins):

 1. the article's own earlier names: the same key ("Poutine" after "Poutine"), or, for a
    person, the same surname with compatible first names ("M. Poutine", "Poutine" after
    "Vladimir Poutine"; "Dimitri Peskov" after "Dmitri Peskov");
 2. the exonym table (:mod:`storyline.extract.exonyms`): "Moscou" / "Moscow", "l'OTAN" /
    "NATO", "la Maison Blanche" / "White House", "Kiev" / "Kyiv" / "Kyïv";
 3. the registry's known names, exactly (folded key);
 4. the registry's people by surname: transliteration-tolerant spelling
    (:func:`~storyline.extract.names.close_spelling` on :func:`~storyline.extract.names.translit`
    keys: Poutine / Putin, Peskov / Peskov) with compatible first names; a surname alone
    goes to the most-mentioned person of that surname;
 5. other names with a close spelling (Benghazi / Bengasi);
 6. optionally, cross-lingual name vectors (a :class:`NameEncoder`) for multi-word
    organisation names that no rule matched ("Russian Foreign Ministry" /
    "ministère russe des Affaires étrangères");
 7. otherwise a new entity.

Role descriptions ("le président russe") are linked through :mod:`storyline.extract.roles`.
The registry's state is plain JSON (:meth:`to_json` / :meth:`from_json`) so the pipeline
keeps it across runs; ids never change once given.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from storyline.extract.exonyms import EXONYMS
from storyline.extract.names import close_spelling, name_key, strip_name, translit
from storyline.extract.records import Entity
from storyline.extract.text import fold

__all__ = ["EntityRegistry", "ArticleContext", "NameEncoder", "STATE_VERSION", "names_in_language"]

STATE_VERSION = 1
#: Cosine above which two multi-word organisation names are one entity. Measured with USE
#: multilingual v3 (storyline.embed.UseEmbedder) on French/English name pairs: the same
#: body 0.86-0.94 (ministère russe des Affaires étrangères / Russian Foreign Ministry 0.857,
#: Banque centrale européenne / European Central Bank 0.939, Conseil national de transition
#: / National Transitional Council 0.903, Cour suprême / Supreme Court 0.859), different
#: bodies up to 0.73 (ministère ukrainien ... / Russian Foreign Ministry 0.717, Armée
#: syrienne libre / Syrian army 0.727); some true pairs fall under it (Frères musulmans /
#: Muslim Brotherhood 0.708). The encoder is off by default: at ~0.1 s per name on 2 cores
#: it would cost more than the NER on a corpus with thousands of organisation names.
VECTOR_THRESHOLD = 0.82


class NameEncoder(Protocol):
    """Names -> L2-normalized rows (the embed stage's ``Embedder`` fits)."""

    name: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class _Entry:
    id: str
    name: str
    type: str
    aliases: Counter = field(default_factory=Counter)  # surface -> times seen
    labels: Counter = field(default_factory=Counter)  # NER label -> times seen
    article_ids: list[str] = field(default_factory=list)
    from_table: bool = False
    full_names: set = field(default_factory=set)  # translit tokens of aliases with a first name

    def fits(self, tokens: list[str], compound: bool = False) -> bool:
        """Can a person called ``tokens`` be this entity? A first name must agree with one of
        the full names it was seen under (surname-only sightings prove nothing: "Aïcha Kadhafi"
        is not "Mouammar Kadhafi" because both were once just "Kadhafi"). A ``compound`` surname
        fits the full names it ends ("Moreno-Ocampo" of "Luis Moreno-Ocampo", "el-Assad" of
        "Bachar el-Assad")."""
        if len(tokens) == 1 or not self.full_names:
            return True
        return any(close_spelling(tokens[-1], k[-1]) and (_first_names_agree(tokens[:-1], list(k[:-1]))
                                                          or compound and tuple(tokens) == tuple(k[-len(tokens):]))
                   for k in self.full_names)

    @property
    def mentions(self) -> int:
        return sum(self.aliases.values())

    def record(self) -> Entity:
        aliases = tuple(sorted(a for a in self.aliases if a != self.name))
        return Entity(self.id, self.name, self.type, aliases, tuple(self.article_ids))


def _compatible(label: str, etype: str) -> bool:
    """People only meet people; places and organisations mix (the Kremlin is both); MISC meets all."""
    if label == "MISC" or etype == "MISC":
        return True
    return (label == "PER") == (etype == "PER")


# Words that open a surname, not a first name: "el-Assad", "Ben Laden", "Abu Eita", "Ould Abdel Aziz".
_SURNAME_PARTICLES = {"al", "el", "ben", "bin", "ibn", "abu", "abou", "ould", "abdel", "abd", "abdul", "ki", "de",
                      "del", "della", "di", "da", "van", "von", "le", "la"}


def _compound_surname(name: str, tokens: list[str]) -> bool:
    """A surname of several words: hyphenated ("Moreno-Ocampo") or opened by a particle ("El Banna")."""
    return len(tokens) > 1 and ("-" in name.split()[-1] or tokens[0] in _SURNAME_PARTICLES)


def _first_names_agree(a: list[str], b: list[str]) -> bool:
    """Given names (translit keys, surname excluded) are compatible: one side has none, initials, or close."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return close_spelling(x, y)


#: The label counted for a name found without a NER model (capitalized words, Spanish and Italian
#: pages): it votes for no type, so that a person's many Spanish mentions do not outweigh the
#: French model typing them a person.
_UNTYPED = "untyped"


@dataclass
class ArticleContext:
    """What one article has named so far: keys, people by surname, roles tied by apposition."""

    article_id: str
    lang: str | None
    by_key: dict[str, str] = field(default_factory=dict)
    # translit tokens of each distinct person name -> entity id, most recent last
    people: dict[tuple[str, ...], str] = field(default_factory=dict)
    people_by_surname: dict[str, dict[tuple[str, ...], str]] = field(default_factory=dict)
    surnames_by_initial: dict[str, set[str]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    untyped: bool = False  # its names were found without a NER model: their MISC says nothing


class EntityRegistry:
    """Canonical entities, their names, and the articles that mention them."""

    def __init__(self, encoder: NameEncoder | None = None, *, use_table: bool = True) -> None:
        self._entries: dict[str, _Entry] = {}
        self._by_key: dict[str, list[str]] = defaultdict(list)
        self._by_surname: dict[str, list[str]] = defaultdict(list)  # translit surname -> PER ids
        self._by_head: dict[str, list[str]] = defaultdict(list)  # translit first 3 letters -> ids
        self._roles: dict[str, Counter] = defaultdict(Counter)
        self._encoder = encoder
        self._vectors: dict[str, np.ndarray] = {}
        self.touched: set[str] = set()  # ids seen since the last reset_touched()
        self._known: dict[str, str] = {}
        self._acronyms: dict[str, str] = {}  # folded acronym -> the entity it was spelt out for
        if use_table:
            self._load_table()

    # -- public verbs -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._entries)

    def get(self, entity_id: str) -> Entity:
        return self._entries[entity_id].record()

    def entities(self, ids: Sequence[str] | None = None, *, mentioned_only: bool = True) -> list[Entity]:
        """Entities as records; by default only those some article mentions (not bare table rows)."""
        chosen = ids if ids is not None else list(self._entries)
        return [self._entries[i].record() for i in chosen if not mentioned_only or self._entries[i].article_ids]

    def context(self, article_id: str, lang: str | None, untyped: bool = False) -> ArticleContext:
        return ArticleContext(article_id, lang, untyped=untyped)

    def link(self, surface: str, label: str, ctx: ArticleContext) -> str:
        """The entity id for one mention (``surface`` as written), creating the entity if needed."""
        start, end = strip_name(surface)
        name = surface[start:end] or surface
        key = fold(name)
        entity_id = self._find(name, key, label, ctx) or self._create(name, key, label)
        self._observe(entity_id, name, key, label, ctx)
        return entity_id

    def link_acronym(self, acronym: str, entity_id: str, label: str, ctx: ArticleContext) -> str:
        """``acronym`` as written in brackets after the name it stands for ("le Conseil national de
        transition (CNT)"): it names that entity here, and in later articles that use it alone."""
        key = fold(acronym)
        self._acronyms.setdefault(key, entity_id)
        self._observe(entity_id, acronym, key, label, ctx)
        return entity_id

    def link_role(self, role_key: str, ctx: ArticleContext, qualified: bool = True) -> str | None:
        """The person a bare role phrase refers back to: the article's apposition, else the registry's.

        A one-word role ("le président"), or one that says neither whose nor where
        (``qualified`` False: "le porte-parole", "le Premier ministre"), is only ever the
        article's own: the role this article tied to someone, or one it qualifies ("le
        président américain Joe Biden ... le président"). Across articles such a role names
        too many people (a rebel spokesman's words went to the Russian ministry's, taught as
        "le porte-parole, Alexandre Loukachevitch" by another article).
        """
        if role_key in ctx.roles:
            entity_id = ctx.roles[role_key]
        elif " " not in role_key or not qualified:
            heads = [e for key, e in ctx.roles.items() if key == role_key or key.startswith(role_key + " ")]
            if not heads:
                return None
            entity_id = heads[-1]
        elif self._roles.get(role_key):
            entity_id = self._roles[role_key].most_common(1)[0][0]
        else:
            return None
        entry = self._entries[entity_id]
        if ctx.article_id not in entry.article_ids:
            entry.article_ids.append(ctx.article_id)
        self.touched.add(entity_id)
        return entity_id

    def learn_role(self, role_key: str, entity_id: str, ctx: ArticleContext) -> None:
        """An apposition tied a role to a named person ("le porte-parole du Kremlin, Dmitri Peskov").
        The latest tie comes last, for a bare role to refer back to (see :meth:`link_role`)."""
        ctx.roles.pop(role_key, None)
        ctx.roles[role_key] = entity_id
        if " " in role_key:
            self._roles[role_key][entity_id] += 1

    def known_names(self) -> dict[str, str]:
        """Name key -> entity id for names safe to look for where the NER missed them.

        Table names, and names of entities mentioned at least twice (a one-off NER
        mistake is not spread to every later article). Live view; do not modify.
        """
        return self._known

    def name_of(self, entity_id: str) -> str:
        return self._entries[entity_id].name

    def entity_type(self, entity_id: str) -> str:
        return self._entries[entity_id].type

    def reset_touched(self) -> None:
        self.touched = set()

    # -- rules ------------------------------------------------------------------------
    def _find(self, name: str, key: str, label: str, ctx: ArticleContext) -> str | None:
        # 1. the article's own earlier names
        if key in ctx.by_key and _compatible(label, self._entries[ctx.by_key[key]].type):
            return ctx.by_key[key]
        if key in self._acronyms and label != "PER":
            return self._acronyms[key]
        tokens = translit(name).split()
        compound = _compound_surname(name, tokens)
        if label in ("PER", "MISC") and tokens:
            # the same surname first (exact key), then surnames spelt closely with the same first letter
            surnames = [tokens[-1]] + [s for s in ctx.surnames_by_initial.get(tokens[-1][0], ())
                                       if s != tokens[-1] and close_spelling(tokens[-1], s)]
            for surname in surnames:
                for entity_id in dict.fromkeys(reversed(ctx.people_by_surname.get(surname, {}).values())):
                    if self._entries[entity_id].fits(tokens, compound):
                        return entity_id
        if len(tokens) == 1 and label in ("ORG", "MISC") and name[:1].isupper() and not self._established(key):
            # "le Conseil" after "le Conseil de sécurité", "la Cour" after "la Cour pénale
            # internationale": the head word alone, for the body this article last named (not a
            # name of its own: "l'ONU", "le Fatah", "Le Monde")
            for known, entity_id in reversed(ctx.by_key.items()):
                if (len(known.split()) > 1 and known.split()[0] == key
                        and self._entries[entity_id].type == "ORG"):
                    return entity_id
        if len(tokens) == 1:
            # One word the model typed ORG or LOC, but this article named a person so:
            # "Lavrov" after "Sergei Lavrov", "Wang" after "Wang Yi" (family name first).
            for known, entity_id in reversed(ctx.people.items()):
                if len(known) > 1 and tokens[0] in (known[-1], known[0]):
                    return entity_id
        # 2-3. the exonym table and every known name, exactly
        for entity_id in self._by_key.get(key, ()):
            entry = self._entries[entity_id]
            if entry.from_table and (len(key) > 3 or name.isupper()):
                return entity_id
        # An established name wins over the model's label for this one mention ("Grenoble"
        # tagged PERSON once, LOC everywhere else); a one-off name must agree in type.
        candidates = [i for i in self._by_key.get(key, ())
                      if _compatible(label, self._entries[i].type) or self._entries[i].mentions >= 2]
        if candidates:
            return max(candidates, key=lambda i: self._entries[i].mentions)
        if not tokens:
            return None
        # 4. people by surname, spelling-tolerant
        if label == "PER":
            found = self._find_person(tokens, compound)
            if found:
                return found
        # 5. other names with a close spelling (not MISC: "Russian" is not Russia)
        if label in ("ORG", "LOC"):
            joined = " ".join(tokens)
            for entity_id in self._by_head.get(joined[:3], ()):
                entry = self._entries[entity_id]
                if not _compatible(label, entry.type):
                    continue
                if any(len(translit(a).split()) == len(tokens) and close_spelling(translit(a), joined)
                       for a in entry.aliases):
                    return entity_id
        # 6. cross-lingual vectors
        if self._encoder is not None and label in ("ORG", "MISC") and len(tokens) >= 2:
            return self._find_by_vector(name, label)
        return None

    def _established(self, key: str) -> bool:
        """A name in the exonym table, or one some entity was seen under twice or more."""
        return any(self._entries[i].from_table or self._entries[i].mentions >= 2 for i in self._by_key.get(key, ()))

    def _find_person(self, tokens: list[str], compound: bool = False) -> str | None:
        surname = tokens[-1]
        best, best_count = None, -1
        for entity_id in self._candidates_by_surname(surname):
            entry = self._entries[entity_id]
            if entry.type != "PER" or entry.mentions <= best_count or not entry.fits(tokens, compound):
                continue
            if any(close_spelling(surname, known[-1]) for known in map(str.split, map(translit, entry.aliases))
                   if known):
                best, best_count = entity_id, entry.mentions
        return best

    def _candidates_by_surname(self, surname: str) -> list[str]:
        seen = dict.fromkeys(self._by_surname.get(surname, ()))
        for block in (surname[:3], surname[-3:]):
            for entity_id in self._by_surname.get("#" + block, ()):
                seen.setdefault(entity_id)
        return list(seen)

    def _find_by_vector(self, name: str, label: str) -> str | None:
        entries = [e for e in self._entries.values()
                   if e.type in ("ORG", "MISC") and e.article_ids and len(e.name.split()) >= 2]
        missing = [n for n in dict.fromkeys([name] + [e.name for e in entries]) if n not in self._vectors]
        if missing:  # one batch: the encoder's cost is per call as much as per name
            for n, row in zip(missing, self._encoder.embed(missing)):
                self._vectors[n] = row
        vector = self._vectors[name]
        best, best_score = None, VECTOR_THRESHOLD
        for entry in entries:
            score = float(vector @ self._vectors[entry.name])
            if score > best_score:
                best, best_score = entry.id, score
        return best

    # -- bookkeeping ------------------------------------------------------------------
    def _create(self, name: str, key: str, label: str) -> str:
        prefix = {"PER": "per", "ORG": "org", "LOC": "loc"}.get(label, "misc")
        slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")[:40] or "x"
        entity_id, n = f"{prefix}:{slug}", 2
        while entity_id in self._entries:
            entity_id, n = f"{prefix}:{slug}-{n}", n + 1
        self._entries[entity_id] = _Entry(entity_id, name, label)
        return entity_id

    def _index(self, entry: _Entry, surface: str) -> None:
        key = name_key(surface) or fold(surface)
        if entry.id not in self._by_key[key]:
            self._by_key[key].append(entry.id)
        tokens = translit(surface).split()
        if not tokens:
            return
        if entry.type == "PER":
            surname = tokens[-1]
            for k in (surname, "#" + surname[:3], "#" + surname[-3:]):
                if entry.id not in self._by_surname[k]:
                    self._by_surname[k].append(entry.id)
        else:
            head = " ".join(tokens)[:3]
            if entry.id not in self._by_head[head]:
                self._by_head[head].append(entry.id)

    @staticmethod
    def _retype(entry) -> None:
        """The type its labels give an entity. A person is never retyped, nor does a place or
        organisation become one; a name first seen untyped (MISC: Spanish and Italian have no NER
        model, so "Guido Westerwelle" and "Navi Pillay" came from their pages untyped) becomes a
        person when a model types it so twice or more, more often than anything else, and at least
        a quarter as often as it types it MISC ("Molotov", a person twice and an organisation
        twice, and "Coran", a person twice and MISC 34 times, stay as they are; untyped mentions
        do not count)."""
        typed = [(n, lab) for lab, n in entry.labels.items() if lab not in ("MISC", _UNTYPED)]
        most, new_type = max(typed) if typed else (0, "MISC")
        people = entry.labels["PER"]
        to_person = (entry.type == "MISC" and people >= 2 and 4 * people >= entry.labels["MISC"]
                     and sum(n == most for n, _ in typed) == 1)
        if new_type != entry.type and entry.type != "PER" and (new_type != "PER" or to_person):
            entry.type = new_type

    def person_by_role(self, entity_id: str) -> bool:
        """A role right beside an untyped name ("le ministre allemand des Affaires étrangères
        Guido Westerwelle") says it is a person: counted as one typing it so. True when the
        entity is a person now."""
        entry = self._entries[entity_id]
        if entry.type == "MISC" and not entry.from_table:
            entry.labels["PER"] += 1
            self._retype(entry)
        return entry.type == "PER"

    def _observe(self, entity_id: str, name: str, key: str, label: str, ctx: ArticleContext) -> None:
        entry = self._entries[entity_id]
        new_alias = name not in entry.aliases
        entry.aliases[name] += 1
        entry.labels[_UNTYPED if ctx.untyped and label == "MISC" else label] += 1
        if not entry.from_table:
            self._retype(entry)
            # A person's canonical name is the full name seen most ("Vladimir Poutine" over "Poutine").
            if entry.type == "PER" and 2 <= len(name.split()) <= 4 and name != entry.name:
                current = entry.aliases.get(entry.name, 0) if len(entry.name.split()) > 1 else -1
                if (entry.aliases[name], len(name)) > (current, len(entry.name)):
                    entry.name = name
            elif entry.type != "PER":
                # Places and organisations go by their most frequent spelling, never an all-caps
                # one when another exists: datelines write "KASTEL", the text "Kastel".
                entry.name = max(entry.aliases, key=lambda n: (not n.isupper(), entry.aliases[n], -len(n)))
        if new_alias:
            self._index(entry, name)
            tokens = translit(name).split()
            if len(tokens) > 1:
                entry.full_names.add(tuple(tokens))
        if entry.mentions >= 2 and (new_alias or entry.mentions == 2):
            for alias in entry.aliases:
                self._known.setdefault(name_key(alias) or fold(alias), entry.id)
        if ctx.article_id not in entry.article_ids:
            entry.article_ids.append(ctx.article_id)
        ctx.by_key[key] = entity_id
        if entry.type == "PER":
            tokens = translit(name).split()
            if tokens:
                key_tokens = tuple(tokens)
                ctx.people.pop(key_tokens, None)  # re-insert: most recent last
                ctx.people[key_tokens] = entity_id
                same = ctx.people_by_surname.setdefault(tokens[-1], {})
                same.pop(key_tokens, None)
                same[key_tokens] = entity_id
                ctx.surnames_by_initial.setdefault(tokens[-1][0], set()).add(tokens[-1])
        self.touched.add(entity_id)

    def _load_table(self) -> None:
        for entity_id, etype, canonical, *aliases in EXONYMS:
            entry = _Entry(entity_id, canonical, etype, from_table=True)
            self._entries[entity_id] = entry
            for alias in dict.fromkeys((canonical, *aliases)):
                entry.aliases[alias] += 0
                self._index(entry, alias)
                self._known.setdefault(name_key(alias) or fold(alias), entity_id)

    # -- state ------------------------------------------------------------------------
    def to_json(self) -> str:
        """The whole state as JSON (table rows included only once mentioned)."""
        entries = [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": dict(e.aliases), "labels": dict(e.labels),
             "article_ids": e.article_ids, "from_table": e.from_table}
            for e in self._entries.values() if not e.from_table or e.article_ids
        ]
        roles = {key: dict(counts) for key, counts in self._roles.items()}
        return json.dumps({"version": STATE_VERSION, "entities": entries, "roles": roles, "acronyms": self._acronyms},
                          ensure_ascii=False)

    @classmethod
    def from_json(cls, state: str, encoder: NameEncoder | None = None) -> "EntityRegistry":
        data = json.loads(state)
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"registry state version {data.get('version')!r} is not {STATE_VERSION}; "
                             "re-run extraction to rebuild it")
        registry = cls(encoder)
        for row in data["entities"]:
            entry = registry._entries.get(row["id"]) if row.get("from_table") else None
            if entry is None:
                entry = _Entry(row["id"], row["name"], row["type"])
                registry._entries[entry.id] = entry
            entry.name, entry.type = row["name"], row["type"]
            entry.aliases.update(row["aliases"])
            entry.labels.update(row["labels"])
            entry.article_ids = list(row["article_ids"])
            for alias in entry.aliases:
                registry._index(entry, alias)
                if len(translit(alias).split()) > 1:
                    entry.full_names.add(tuple(translit(alias).split()))
                if entry.mentions >= 2:
                    registry._known.setdefault(name_key(alias) or fold(alias), entry.id)
        for key, counts in data.get("roles", {}).items():
            registry._roles[key].update(counts)
        registry._acronyms.update(data.get("acronyms", {}))
        return registry


# -- names in the reader's language ------------------------------------------------------
_NOT_A_NAME = re.compile(r"[#@/«»\"“”]")  # a hashtag, a handle, a link, a quote mark
# (entity id, name key) -> the table's spelling; the first alias of a key wins
_TABLE_ALIASES = {(row[0], name_key(alias)): alias for row in EXONYMS for alias in reversed(row[2:])}


def names_in_language(entities: dict[str, tuple[str, str]],
                      surfaces: Iterable[tuple[str, str, int]]) -> dict[str, str]:
    """Each entity's name as one language writes it, for display.

    A canonical name is the pivot across languages (the exonym table's English, or the
    spelling seen most), so a French reader was shown "NATO", "International Criminal
    Court", "Cairo", or a person spelt the Spanish way when Spanish articles were more.
    ``entities``: id -> (canonical name, type); ``surfaces``: (entity id, name as written,
    count) of the mentions in the reader's language that name the entity (not a role).

    - A person: the full name (two to four words) those articles write most.
    - An organisation: of the names they write at least a quarter as often as the most
      written one, the one of most words ("Union africaine" over "UA", "OTAN" over
      "Alliance atlantique"), then the most written.
    - A place or anything else: the name they write most.

    A name is spelt as the exonym table spells it where it has it ("Caire" -> "Le Caire",
    "Otan" -> "OTAN"), else as those articles write it most ("Anton Marek" where the
    canonical is "Antón Márek"), the canonical spelling winning ties. Where the language
    never names the entity, the canonical name stays.
    """
    by_entity: dict[str, Counter] = defaultdict(Counter)
    for entity_id, text, count in surfaces:
        if entity_id in entities and not _NOT_A_NAME.search(text):
            by_entity[entity_id][text] += count
    out = {entity_id: name for entity_id, (name, _) in entities.items()}
    for entity_id, written in by_entity.items():
        canonical, etype = entities[entity_id]
        if etype == "PER":
            written = Counter({t: n for t, n in written.items() if 2 <= len(t.split()) <= 4 and not t.isupper()})
        keys: Counter = Counter()
        for text, n in written.items():
            keys[name_key(text)] += n
        keys.pop("", None)
        if not keys:
            continue
        top = max(keys.values())
        if etype == "ORG":
            best = max((k for k, n in keys.items() if 4 * n >= top), key=lambda k: (len(k.split()), keys[k]))
        else:
            best = max(keys, key=lambda k: (keys[k], k == name_key(canonical)))
        spelt = [t for t in written if name_key(t) == best]
        out[entity_id] = _TABLE_ALIASES.get((entity_id, best)) or max(
            spelt, key=lambda t: (written[t], t == canonical, not t.isupper()))
    return out
