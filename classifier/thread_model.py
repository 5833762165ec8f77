"""A learned score for "the reader thread starts at this line": fitted weights over thread_features.

A ranker picks a page's likeliest thread-start line and a detector decides whether the page has a
thread at all; where it has one, a picker that also sees each line's neighbours (thread_neighbours.py)
chooses the start. Scoring needs no numpy or sklearn: the weights are a small JSON file (see thread_training.py).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ClassifierError
from .thread_evidence import thread_evidence
from .thread_features import line_features
from .thread_rules import corrected_start, signature_repeats

WEIGHTS_PATH = Path(__file__).with_name("thread_start.json")

RANKING_FEATURES = ("ranker_score", "ranker_margin", "signature_repeats_log")


def detector_row(rows: list[dict[str, float]], scores: list[float], best: int,
                 texts: list[str] | None = None) -> dict[str, float]:
    """The picked line's features plus how it ranked: its score, and its lead over the runner-up.

    A clear winner is likelier a real thread start than the best of a page of equally plain lines.
    The ranker weighs these two at zero (they are the same for every line of a page).
    """
    runner_up = max((s for i, s in enumerate(scores) if i != best), default=scores[best])
    return {**rows[best], "ranker_score": scores[best] / 10, "ranker_margin": (scores[best] - runner_up) / 5,
            "signature_repeats_log": math.log1p(signature_repeats(texts, rows, best)) / 3 if texts else 0.0}


@dataclass(frozen=True)
class ThreadStartModel:
    """Three linear models over line_features: a ranker picks a page's likeliest thread-start line, a
    detector decides from that line's features whether the page has a thread at all, and a picker, which
    also weighs the neighbouring lines' features, chooses the start on a page that has one.

    The detector keeps to the ranker's pick (the picker leaves thread detection as it was); the picker
    only places the start."""

    names: tuple[str, ...]
    ranker: tuple[float, ...]
    detector: tuple[float, ...]
    intercept: float
    threshold: float
    picker: tuple[float, ...] = ()  # none: the ranker's pick is the start

    def rank_scores(self, rows: list[dict[str, float]], weights: tuple[float, ...] | None = None) -> list[float]:
        """Each row's score under the ranker (or the given `weights`, such as the picker's)."""
        used = [(n, w) for n, w in zip(self.names, self.ranker if weights is None else weights) if w]
        return [sum(w * row.get(n, 0.0) for n, w in used) for row in rows]

    def pick(self, rows: list[dict[str, float]], scores: list[float]) -> int:
        """The start line the picker chooses (the ranker's best when there is no picker), before the corrections."""
        if self.picker:
            scores = self.rank_scores(rows, self.picker)
        return max(range(len(scores)), key=lambda i: (scores[i], -i))

    def detect_score(self, row: dict[str, float]) -> float:
        """The detector's score for a row of detector_row (the picked line's features and how it ranked)."""
        return self.intercept + sum(w * row.get(n, 0.0) for n, w in zip(self.names, self.detector))

    def fires(self, row: dict[str, float], texts: list[str], rows: list[dict[str, float]]) -> bool:
        """Has the page a thread: the detector's score for `row` reaches the threshold, or the page shows
        evidence no article carries (thread_evidence.py: a comment dated after the article, a pingback, ...)."""
        return (self.detect_score(row) >= self.threshold
                or thread_evidence(texts, [r["furniture"] > 0 for r in rows]) is not None)

    def best_line(self, texts: list[str]) -> tuple[int, float] | None:
        """(index, detector score) of the likeliest thread start among `texts`; None when the page has no thread."""
        if not texts:
            return None
        rows = line_features(texts)
        scores = self.rank_scores(rows)
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        row = detector_row(rows, scores, best, texts)
        if not self.fires(row, texts, rows):
            return None
        confidence = self.detect_score(row)
        return corrected_start(texts, rows, self.pick(rows, scores)), confidence

    def to_json(self) -> str:
        data = {
            "about": "Thread-start model: written by `classifier train-thread-model`; see classifier/thread_training.py.",
            "threshold": round(self.threshold, 6),
            "detector_intercept": round(self.intercept, 6),
            "features": {n: {"ranker": round(r, 6), "detector": round(d, 6), "picker": round(p, 6)}
                         for n, r, d, p in zip(self.names, self.ranker, self.detector, self.picker or (0.0,) * len(self.names))},
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def model_from_json(text: str, source: str = "thread-start weights") -> ThreadStartModel:
    try:
        data = json.loads(text)
        features = data["features"]
        names = tuple(features)
        picker = tuple(float(features[n].get("picker", 0.0)) for n in names)
        return ThreadStartModel(names, tuple(float(features[n]["ranker"]) for n in names),
                                tuple(float(features[n]["detector"]) for n in names),
                                float(data["detector_intercept"]), float(data["threshold"]),
                                picker if any(picker) else ())
    except (ValueError, KeyError, TypeError) as exc:
        raise ClassifierError(f"{source} is not a thread-start model ({exc}); regenerate it with "
                              "`classifier train-thread-model --force`") from None


@lru_cache(maxsize=4)
def load_model(path: str | Path = WEIGHTS_PATH) -> ThreadStartModel:
    path = Path(path)
    if not path.is_file():
        raise ClassifierError(f"no thread-start weights at {path}; run `classifier train-thread-model`")
    return model_from_json(path.read_text(encoding="utf-8"), str(path))
