"""The learned event classifier: for each candidate trigger, is it a real event, and of which PLOVER type.

Candidates are the lexicon's matches and, where the lexicon is silent, every other verb and every noun the
annotated corpus used as a trigger (`Model.nouns`). Each candidate is described by sparse features of the
parse around it (its lemma, its object and prepositions, the verb above it, modals and negation, whether a
known actor stands in its subject or object, the lexicon entry that matched it) and scored by a multinomial
logistic regression trained on annotation/events.jsonl (`eventwire train events`, see events/train.py). The
weights ship in the package (model/events.npz); inference is a sum of weight rows and a softmax in numpy.

Labels are the 16 PLOVER types and NONE (no event, or a generic mention: "the threat of terrorism").
Status (asserted, negated, ...) stays with status.py.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Token

NONE = "NONE"
MODEL_FILE = "events.npz"
MODALS = frozenset(
    {"will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "wo", "ca"}
)
CLAUSE_UP = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "prep", "dobj"})


def candidate_features(
    tok: Token, entry_id: str | None, entry_type: str | None, has_party: Callable[[Token | None], bool]
) -> list[str]:
    """The features of one candidate trigger. `has_party(token)` says whether a known actor is named in the
    phrase that token heads."""
    lemma = tok.lemma_.lower()
    f = [
        f"lem={lemma}",
        f"pos={tok.pos_}",
        f"dep={tok.dep_}",
        f"tag={tok.tag_}",
        f"lex={entry_id or '-'}",
        f"ltype={entry_type or '-'}",
        f"lem+ltype={lemma}|{entry_type or '-'}",
    ]
    children = list(tok.children)
    subject = obj = None
    for c in children:
        dep = c.dep_
        if dep in ("nsubj", "nsubjpass", "csubj"):
            subject = c
            f.append(f"subj={c.ent_type_ or c.pos_}")
            if not c.ent_type_ and c.pos_ == "NOUN":  # "storms will hit", "the product supports": who acts
                f += [f"subjlem={c.lemma_.lower()}", f"lem+subjlem={lemma}|{c.lemma_.lower()}"]
            if dep == "nsubjpass":
                f.append("passive")
        elif dep in ("dobj", "attr", "oprd"):
            obj = c
            f += [
                f"obj={c.lemma_.lower()}",
                f"lem+obj={lemma}|{c.lemma_.lower()}",
                f"objent={c.ent_type_ or '-'}",
            ]
        elif dep == "prep":
            f += [f"prep={c.lower_}", f"lem+prep={lemma}|{c.lower_}"]
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                f.append(f"lem+prep+pobj={lemma}|{c.lower_}|{pobj.lemma_.lower()}")
                if has_party(pobj):
                    f.append(f"prep_party={c.lower_}")
        elif dep == "prt":
            f.append(f"lem+prt={lemma}|{c.lower_}")
        elif dep in ("aux", "auxpass") and c.lower_ in MODALS:
            f.append(f"modal={c.lower_}")
        elif dep == "neg":
            f.append("neg")
        elif dep in ("det", "poss") and tok.pos_ in ("NOUN", "PROPN"):
            f.append(f"det={c.lower_ if dep == 'det' else 'POSS'}")
        elif dep in ("amod", "compound") and tok.pos_ in ("NOUN", "PROPN"):
            f.append(f"mod={c.lemma_.lower()}")
        elif dep in ("xcomp", "ccomp"):
            f.append(f"comp={c.lemma_.lower()}")
    if tok.pos_ in ("NOUN", "PROPN"):
        f.append("plural" if tok.tag_ in ("NNS", "NNPS") else "singular")
        if not any(c.dep_ in ("det", "poss") for c in children):
            f.append("det=NONE")
    head = tok.head
    if head.i != tok.i:
        f += [f"head={head.lemma_.lower()}", f"dep+head={tok.dep_}|{head.lemma_.lower()}"]
        if tok.dep_ in ("dobj", "nsubj", "pobj") and head.pos_ in ("VERB", "AUX"):
            for c in head.children:
                if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                    f.append(f"head_modal={c.lower_}")
                elif c.dep_ == "neg":
                    f.append("head_neg")
                elif c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i and has_party(c):
                    f.append("head_subj_party")
        up = head
        for _ in range(3):  # the governing verbs: "threatened to impose", "called for talks"
            if up.pos_ in ("VERB", "AUX") and up.i != tok.i:
                f.append(f"gov={up.lemma_.lower()}")
                break
            if up.head.i == up.i or up.dep_ not in CLAUSE_UP:
                break
            up = up.head
    if subject is not None and has_party(subject):
        f.append("subj_party")
    if obj is not None and has_party(obj):
        f.append("obj_party")
    if tok.dep_ == "compound" or (tok.dep_ == "amod" and tok.pos_ != "VERB"):
        f.append("modifier_use")
    sent = tok.sent
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        f.append("question")
    prev = tok.nbor(-1).lower_ if tok.i > 0 else "<s>"
    nxt = tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else "</s>"
    f += [f"w-1={prev}", f"w+1={nxt}"]
    morph = tok.morph.get("Tense")
    if morph:
        f.append(f"tense={morph[0]}")
    # Lexicon matches and proposals are two populations (most verbs are no event; most matches are one):
    # each kind gets its own weights and its own bias feature.
    kind = "L" if entry_type else "P"
    return [f"kind={kind}", *(f"{kind}:{x}" for x in f)]


@dataclass
class Model:
    labels: list[str]
    index: dict[str, int]
    weights: numpy.ndarray  # features x labels
    bias: numpy.ndarray
    # noun lemmas the annotators used as triggers: candidates where the lexicon is silent
    nouns: frozenset[str]
    thresholds: dict[str, float]

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        rows = [self.index[x] for x in feats if x in self.index]
        z = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        z = numpy.exp(z - z.max())
        p = z / z.sum()
        return dict(zip(self.labels, p.tolist(), strict=True))


def decide(lex_type: str | None, p: dict[str, float], th: dict[str, float], keep: bool = False) -> str:
    """The reading of one candidate: NONE (set aside, or no proposal) or a type. A lexicon match (lex_type)
    is set aside when p(NONE) >= drop (unless `keep`), retyped when another type has p >= retype and more than
    its own, else kept; another candidate is proposed with its best type when that has p >= propose."""
    if lex_type:
        best = max((k for k in p if k != NONE), key=p.__getitem__)
        if p[NONE] >= th["drop"] and not keep:
            return NONE
        if best != lex_type and p[best] >= th["retype"] and p[best] > p.get(lex_type, 0.0):
            return best
        return lex_type
    top = max(p, key=p.__getitem__)
    return top if top != NONE and p[top] >= th["propose"] else NONE


def save(path, model: Model) -> None:
    names = sorted(model.index, key=model.index.get)
    numpy.savez_compressed(
        path,
        labels=numpy.array(model.labels),
        features=numpy.array(names),
        weights=model.weights.astype(numpy.float32),
        bias=model.bias.astype(numpy.float32),
        nouns=numpy.array(sorted(model.nouns)),
        threshold_names=numpy.array(sorted(model.thresholds)),
        threshold_values=numpy.array([model.thresholds[k] for k in sorted(model.thresholds)]),
    )


def read(path) -> Model:
    with numpy.load(path, allow_pickle=False) as z:
        names = [str(x) for x in z["features"]]
        return Model(
            labels=[str(x) for x in z["labels"]],
            index={n: i for i, n in enumerate(names)},
            weights=z["weights"].astype(numpy.float64),
            bias=z["bias"].astype(numpy.float64),
            nouns=frozenset(str(x) for x in z["nouns"]),
            thresholds={
                str(k): float(v) for k, v in zip(z["threshold_names"], z["threshold_values"], strict=True)
            },
        )


@functools.cache
def load() -> Model | None:
    """The packaged model, or None when the package has none (the coder then uses the lexicon alone)."""
    ref = resources.files("eventwire.events").joinpath("model", MODEL_FILE)
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return read(path)
