"""Why the model decides: each feature's contribution (its value x its coefficient for a label)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .errors import ClassifierError
from .features import DiscourseCues, _vectorisers

KINDS = ("word", "char", "cue")


class Contribution(NamedTuple):
    feature: str  # readable: word n-grams plain, char n-grams quoted with ␣ for a space, cues as cue:NAME
    kind: str
    weight: float


@dataclass
class Explanation:
    label: str  # the label explained: the prediction, or the one asked for
    predicted: str
    probabilities: dict[str, float]
    intercept: float
    pushed_for: list[Contribution]  # largest positive contributions first
    pushed_against: list[Contribution]  # most negative first


def readable(kind: str, name: str) -> str:
    """A feature name a person can read; char n-grams are quoted so their spaces show."""
    return '"' + name.replace(" ", "␣") + '"' if kind == "char" else name


def _kind(part) -> str:
    if isinstance(part, DiscourseCues):
        return "cue"
    return "char" if str(getattr(part, "analyzer", "word")).startswith("char") else "word"


class Explainer:
    """A fitted pipeline's feature names and coefficients, laid out once for many explanations."""

    def __init__(self, pipeline, labels: list[str]):
        self.pipeline = pipeline
        self.labels = list(labels)
        names, kinds = [], []
        for _, part in _vectorisers(pipeline):
            kind = _kind(part)
            names.extend(readable(kind, str(n)) for n in part.get_feature_names_out())
            kinds.extend([kind] * (len(names) - len(kinds)))
        self.names_ = np.asarray(names, dtype=object)
        self.kinds_ = np.asarray(kinds, dtype=object)
        model = pipeline.named_steps["model"]
        classes = [self.labels[int(k)] for k in model.classes_]
        coef, intercept = np.asarray(model.coef_), np.asarray(model.intercept_)
        if len(classes) == 2 and coef.shape[0] == 1:  # binary models keep one row, for the second class
            coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
        self.rows_ = {label: i for i, label in enumerate(classes)}
        self.coef_, self.intercept_ = coef, intercept

    def row(self, label: str) -> int:
        if label not in self.rows_:
            known = ", ".join(self.rows_)
            raise ClassifierError(f"the model knows no label {label!r}; use one of {known}")
        return self.rows_[label]

    def contributions(self, texts: list[str], targets: list[str], top: int | None = None) -> list[list[Contribution]]:
        """For each text, every non-zero contribution towards its target label, largest first
        (or, given `top`, only the `top` largest positive ones)."""
        return self.contributions_of(self.pipeline.named_steps["features"].transform(texts), targets, top)

    def contributions_of(self, matrix, targets: list[str], top: int | None = None) -> list[list[Contribution]]:
        """`contributions` from an already computed feature matrix (rows in the order of `targets`),
        so a caller that has transformed the texts to score them need not do it twice."""
        matrix = matrix.tocsr()
        out = []
        for i, target in enumerate(targets):
            start, end = matrix.indptr[i], matrix.indptr[i + 1]
            columns = matrix.indices[start:end]
            weights = matrix.data[start:end] * self.coef_[self.row(target), columns]
            keep = np.flatnonzero(weights > 0 if top else weights != 0)
            if top and len(keep) > top:  # a long comment has thousands of char n-grams; sort only the best
                keep = keep[np.argpartition(-weights[keep], top - 1)[:top]]
            order = keep[np.argsort(-weights[keep], kind="stable")]
            out.append([Contribution(self.names_[columns[j]], self.kinds_[columns[j]], float(weights[j]))
                        for j in order])
        return out

    def strongest(self, label: str, top: int, kind: str | None = None) -> list[Contribution]:
        """The features with the largest positive coefficients for `label`."""
        coef = self.coef_[self.row(label)]
        keep = np.flatnonzero((coef > 0) & ((self.kinds_ == kind) if kind else True))
        best = keep[np.argsort(-coef[keep], kind="stable")[:top]]
        return [Contribution(self.names_[j], self.kinds_[j], float(coef[j])) for j in best]


def check_top(top: int, option: str = "--top") -> int:
    if top < 1:
        raise ClassifierError(f"{option} must be at least 1, got {top}")
    return top


def explain(explainer: Explainer, text: str, top: int = 10, label: str | None = None) -> Explanation:
    """The features that pushed `text` towards (and away from) its predicted label, or `label`."""
    check_top(top)
    proba = explainer.pipeline.predict_proba([text])[0]
    classes = list(explainer.rows_)
    probabilities = {name: round(float(p), 6) for name, p in zip(classes, proba)}
    predicted = max(probabilities, key=probabilities.get)
    target = label or predicted
    found = explainer.contributions([text], [target])[0]
    against = [c for c in reversed(found) if c.weight < 0]
    return Explanation(target, predicted, probabilities, float(explainer.intercept_[explainer.row(target)]),
                       [c for c in found if c.weight > 0][:top], against[:top])


def strongest_features(explainer: Explainer, label: str | None = None, top: int = 20,
                       kind: str | None = None) -> dict[str, list[Contribution]]:
    """Per label (or just `label`), the n-grams and cues with the largest positive coefficients."""
    check_top(top)
    if kind is not None and kind not in KINDS:
        raise ClassifierError(f"unknown feature kind {kind!r}; use one of {', '.join(KINDS)}")
    labels = [label] if label else list(explainer.rows_)
    return {name: explainer.strongest(name, top, kind) for name in labels}


def add_explanations(explainer: Explainer, texts: list[str], rows: list[dict], top: int = 5) -> list[dict]:
    """Scored rows (a batch, with the texts they came from) with `explanation`: the top contributions
    towards the most probable label, as [feature, weight] pairs."""
    targets = [max(row["probabilities"], key=row["probabilities"].get) for row in rows]
    found = explainer.contributions(texts, targets, top)
    return [{**row, "explanation": [[c.feature, round(c.weight, 4)] for c in contribs]}
            for row, contribs in zip(rows, found)]
