"""Choose features by cross-validated macro-F1, fit the model, and describe it in a model card."""

from __future__ import annotations

import hashlib
import json
import platform
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from .dataset import to_dataset
from .errors import ClassifierError
from .features import FEATURE_SETS, build_pipeline, describe, drop_run_state
from .labels import LABELS, LABELS_DIR, load_labels
from .sources import PageSource

SEED = 13
N_SPLITS = 5
FIRST_C = 2.0
# After the feature sets are compared at FIRST_C, the best one is tried at these C values too.
C_GRID = (0.5, 8.0)


def feature_sets_for(features: list[str] | None) -> tuple[str, ...]:
    """The feature sets to compare: all of them, or the named ones."""
    if not features:
        return tuple(FEATURE_SETS)
    unknown = [f for f in features if f not in FEATURE_SETS]
    if unknown:
        raise ClassifierError(f"unknown feature set {unknown[0]!r}; choose from {', '.join(FEATURE_SETS)}")
    return tuple(features)


@dataclass
class Candidate:
    features: str
    C: float
    macro_f1: float
    comments_per_second: float


@dataclass
class TrainResult:
    pipeline: object
    card: dict
    candidates: list[Candidate]


def folds_for(y: np.ndarray, groups: list[str], seed: int):
    """Page-grouped stratified folds when there are enough pages, else plain stratified folds."""
    smallest = int(np.unique(y, return_counts=True)[1].min()) if len(y) else 0
    pages = len(set(groups))
    if pages >= N_SPLITS and smallest >= N_SPLITS:
        splitter = StratifiedGroupKFold(n_splits=N_SPLITS, shuffle=True, random_state=seed)
        return list(splitter.split(np.zeros(len(y)), y, groups)), {
            "method": "StratifiedGroupKFold", "n_splits": N_SPLITS, "grouped_by": "page"}
    n_splits = max(2, min(N_SPLITS, smallest if smallest else 2))
    if len(y) < n_splits * 2:
        raise ClassifierError(f"only {len(y)} labelled comments: label at least {n_splits * 2} to train")
    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        folds = list(splitter.split(np.zeros(len(y)), y))
    note = (f"only {pages} page(s) and {smallest} example(s) in the rarest label: too few for "
            f"{N_SPLITS} page-grouped folds, so comments of one page may sit in training and test folds")
    return folds, {"method": "StratifiedKFold", "n_splits": n_splits, "grouped_by": None, "note": note}


def out_of_fold(texts: list[str], y: np.ndarray, folds, features: str, C: float, seed: int):
    """(probabilities for every comment from a model that never saw it, the last fold's model)."""
    proba = np.zeros((len(texts), len(LABELS)))
    pipeline = None
    for train_idx, test_idx in folds:
        pipeline = build_pipeline(features, C, seed)
        pipeline.fit([texts[i] for i in train_idx], y[train_idx])
        fold_proba = pipeline.predict_proba([texts[i] for i in test_idx])
        proba[np.ix_(test_idx, pipeline.classes_)] = fold_proba
    return proba, pipeline


def scoring_speed(pipeline, texts: list[str], repeats: int = 3) -> float:
    """Comments per second for predict_proba on a list of 1,000 comments (best of a few runs)."""
    sample = (texts * (1000 // max(1, len(texts)) + 1))[:1000]
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        pipeline.predict_proba(sample)
        best = min(best, time.perf_counter() - began)
    return len(sample) / best


def labels_fingerprint(dataset) -> str:
    rows = sorted(zip(dataset["page"], dataset["start_line"], dataset["end_line"], dataset["text"],
                      dataset["label"], dataset["also"]))
    blob = json.dumps([[p, s, e, hashlib.sha256(t.encode()).hexdigest(), LABELS[l], a]
                       for p, s, e, t, l, a in rows])
    return hashlib.sha256(blob.encode()).hexdigest()


def versions() -> dict:
    import datasets
    import joblib
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": np.__version__, "datasets": datasets.__version__, "joblib": joblib.__version__}


def metrics(y: np.ndarray, predicted: np.ndarray) -> dict:
    labels = list(range(len(LABELS)))
    precision, recall, f1, support = precision_recall_fscore_support(
        y, predicted, labels=labels, zero_division=0)
    return {
        "per_class": {LABELS[i]: {"precision": round(float(precision[i]), 4), "recall": round(float(recall[i]), 4),
                                  "f1": round(float(f1[i]), 4), "support": int(support[i])} for i in labels},
        "macro_f1": round(float(f1_score(y, predicted, labels=labels, average="macro", zero_division=0)), 4),
        "confusion": {"labels": list(LABELS), "matrix": confusion_matrix(y, predicted, labels=labels).tolist()},
    }


def train(labels: str | Path = LABELS_DIR, source: PageSource | None = None, seed: int = SEED,
          feature_sets: tuple[str, ...] = tuple(FEATURE_SETS), c_grid: tuple[float, ...] = C_GRID,
          name: str = "default") -> TrainResult:
    """Compare feature sets by cross-validated macro-F1, tune C for the best, refit it on every label."""
    dataset = to_dataset(load_labels(labels, source))
    texts, y = list(dataset["text"]), np.asarray(dataset["label"])
    if len(set(y.tolist())) < 2:
        raise ClassifierError("the labels use fewer than two labels; label comments of at least two kinds first")
    folds, cv = folds_for(y, list(dataset["page"]), seed)
    results: list[Candidate] = []
    best = None
    speeds: dict[str, float] = {}

    def evaluate(features: str, C: float) -> None:
        nonlocal best
        proba, fold_model = out_of_fold(texts, y, folds, features, C, seed)
        score = float(f1_score(y, proba.argmax(1), labels=list(range(len(LABELS))), average="macro", zero_division=0))
        if features not in speeds:
            speeds[features] = round(scoring_speed(fold_model, texts))
        results.append(Candidate(features, C, round(score, 4), speeds[features]))
        # Ties go to the earlier, simpler candidate.
        if best is None or score > best[0] + 1e-9:
            best = (score, features, C, proba)

    for features in feature_sets:
        evaluate(features, FIRST_C)
    for C in c_grid:
        evaluate(best[1], C)
    _, features, C, proba = best
    pipeline = drop_run_state(build_pipeline(features, C, seed).fit(texts, y))
    predicted = proba.argmax(1)
    card = {
        "name": name,
        "labels": list(LABELS),
        "label_counts": {label: int((y == i).sum()) for i, label in enumerate(LABELS)},
        "pages": len(set(dataset["page"])),
        "features": features,
        "hyperparameters": {"C": C, "class_weight": "balanced", "max_iter": 5000, "solver": "lbfgs"},
        "parameters": describe(pipeline),
        "selection": [{"features": c.features, "C": c.C, "macro_f1": c.macro_f1} for c in results],
        "cross_validation": cv,
        "seed": seed,
        "versions": versions(),
        "labels_fingerprint": labels_fingerprint(dataset),
        **metrics(y, predicted),
        "out_of_fold": [
            {"id": dataset[i]["id"], "page": dataset[i]["page"], "start_line": dataset[i]["start_line"],
             "end_line": dataset[i]["end_line"], "true": LABELS[y[i]], "predicted": LABELS[predicted[i]],
             "probabilities": {label: round(float(p), 4) for label, p in zip(LABELS, proba[i])}}
            for i in range(len(y))
        ],
    }
    return TrainResult(pipeline, card, results)
