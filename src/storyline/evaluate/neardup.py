"""Near-duplicate detection measured on copies generated from the eval corpora.

Copies of randomly chosen articles are made three ways, as scrapers meet them:
 - ``residue``: reposted with page leftovers around it (share lines, "A lire aussi :"
   plus another article's headline, menus, a cookie line), first or last lines dropped;
 - ``truncated``: the first 40-80% of the text (a teaser page, a cut-off scrape);
 - ``edited``: lightly edited (a few words dropped or replaced, quote marks and case
   changed, a sentence removed, a new title).
They are mixed with every original article of the corpus (distinct articles on the same
topics) and fed in a random order in which each copy comes after its original. A detected
copy is right when the original it points to is the one it was made from (or another
copy of it, or an original already a copy of it in the corpus itself).

The corpora have real duplicates of their own (a wire story in two collections): they are
counted apart (``corpus_pairs``), not as errors, and listed for inspection.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from storyline.dedup.near import NearDupConfig, NearDuplicateIndex
from storyline.evaluate.corpora import EvalCorpus

__all__ = ["generate_copies", "evaluate_near_duplicates"]

_RESIDUE_TOP = ["Partager.", "Accueil > Monde > International", "Menu", "Share this article", "Inicio | Mundo",
                "Condividi su Facebook", "Exit mobile version", "Publicité"]
_RESIDUE_BOTTOM = ["Laisser une réponse", "Back to top", "Related News :", "A lire aussi :", "Leggi anche:",
                   "Noticias relacionadas", "© 2024 Tous droits réservés", "Nous utilisons des cookies. Accepter"]


@dataclass(frozen=True)
class GeneratedDoc:
    id: str
    text: str
    source_id: str  # the original it was made from (itself for an original)
    kind: str  # original | residue | truncated | edited


def _residue(text: str, rng: random.Random, other_title: str) -> str:
    lines = text.split("\n")
    if len(lines) > 6 and rng.random() < 0.5:
        lines = lines[: -rng.randint(1, 2)]
    top = rng.sample(_RESIDUE_TOP, 2)
    bottom = [rng.choice(_RESIDUE_BOTTOM), other_title, rng.choice(_RESIDUE_BOTTOM)]
    return "\n".join(top + lines + bottom)


def _truncated(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    keep = max(1, int(len(words) * rng.uniform(0.4, 0.8)))
    return " ".join(words[:keep])


def _edited(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    if len(lines) > 4:
        del lines[rng.randrange(1, len(lines))]
    words = "\n".join(lines).split(" ")
    for _ in range(max(1, len(words) // 25)):
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.4:
            words[i] = ""
        elif op < 0.7:
            words[i] = words[i].upper() if rng.random() < 0.5 else words[i].lower()
        else:
            words[i] = rng.choice(["notamment", "also", "además", "inoltre", "reportedly", "selon"])
    edited = " ".join(w for w in words if w).replace('"', "«", 1).replace('"', "»", 1)
    return "Updated: " + edited


def generate_copies(corpus: EvalCorpus, copies: int = 300, seed: int = 0) -> list[GeneratedDoc]:
    """Originals plus ``copies`` generated copies (a third of each kind), in arrival order."""
    rng = random.Random(seed)
    originals = [GeneratedDoc(a.id, a.text, a.id, "original") for a in corpus.articles]
    chosen = rng.sample(range(len(corpus.articles)), copies)
    made: list[GeneratedDoc] = []
    for n, index in enumerate(chosen):
        article = corpus.articles[index]
        kind = ("residue", "truncated", "edited")[n % 3]
        if kind == "residue":
            text = _residue(article.text, rng, rng.choice(corpus.articles).title)
        elif kind == "truncated":
            text = _truncated(article.text, rng)
        else:
            text = _edited(article.text, rng)
        made.append(GeneratedDoc(f"copy{n}:{article.id}", text, article.id, kind))
    order = originals + made
    rng.shuffle(order)
    position = {doc.id: i for i, doc in enumerate(order)}
    # each copy after its original: swap when it came first
    for doc in made:
        i, j = position[doc.id], position[doc.source_id]
        if i < j:
            order[i], order[j] = order[j], order[i]
            position[doc.id], position[doc.source_id] = j, i
    return order


def evaluate_near_duplicates(corpus: EvalCorpus, config: NearDupConfig | None = None, copies: int = 300,
                             seed: int = 0) -> dict:
    """Precision and recall of copy detection on generated copies; corpus-internal pairs apart."""
    docs = generate_copies(corpus, copies, seed)
    index = NearDuplicateIndex(config)
    found = index.add_many((d.id, d.text) for d in docs)
    by_id = {d.id: d for d in docs}
    # originals that are copies of each other in the corpus itself
    root = {}
    corpus_pairs = []
    for doc, original in zip(docs, found):
        if doc.kind == "original" and original is not None and by_id[original].kind == "original":
            corpus_pairs.append((doc.id, original))
        root[doc.id] = root.get(original, original) if original else doc.id
    true_pos = false_pos = 0
    missed: Counter = Counter()
    wrong = []
    per_kind: Counter = Counter()
    for doc, original in zip(docs, found):
        if doc.kind == "original":
            continue
        if original is None:
            missed[doc.kind] += 1
            continue
        source_root = root.get(doc.source_id, doc.source_id)
        if original == doc.source_id or root.get(original, original) == source_root or original == source_root:
            true_pos += 1
            per_kind[doc.kind] += 1
        else:
            false_pos += 1
            wrong.append((doc.id, original))
    originals_flagged = len(corpus_pairs)
    total_copies = sum(1 for d in docs if d.kind != "original")
    detected = true_pos + false_pos
    kinds = ("residue", "truncated", "edited")
    n_kind = Counter(d.kind for d in docs if d.kind != "original")
    return {
        "copies": total_copies,
        "originals": len(docs) - total_copies,
        "precision": true_pos / detected if detected else 1.0,
        "recall": true_pos / total_copies if total_copies else 1.0,
        "recall_by_kind": {k: per_kind[k] / n_kind[k] for k in kinds if n_kind[k]},
        "wrong": wrong[:10],
        "corpus_pairs": originals_flagged,
        "corpus_pair_examples": corpus_pairs[:10],
    }
