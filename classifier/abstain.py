"""Abstain: call a comment `uncertain` when the model's top probability is below a threshold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from .errors import ClassifierError

UNCERTAIN = "uncertain"


def check_min_confidence(threshold: float) -> float:
    if not 0 < threshold <= 1:
        raise ClassifierError(f"--min-confidence must be above 0 and at most 1, got {threshold:g}; e.g. 0.6")
    return threshold


def abstain(probabilities: dict[str, float], threshold: float) -> str:
    """The most probable label, or `uncertain` when its probability is below `threshold`."""
    best = max(probabilities, key=probabilities.get)
    return best if probabilities[best] >= threshold else UNCERTAIN


def apply_min_confidence(row: dict, threshold: float) -> dict:
    """A scored row relabelled by `abstain`; its confidence and probabilities are kept."""
    return {**row, "label": abstain(row["probabilities"], threshold)}


def counting(rows: Iterable[dict], counts: Counter) -> Iterator[dict]:
    """Pass rows through, counting their labels into `counts` on the way."""
    for row in rows:
        counts[row["label"]] += 1
        yield row


def summary(counts: Counter, labels: list[str]) -> str:
    """One line: how many comments got each label, `uncertain` last."""
    total = sum(counts.values())
    parts = [f"{label} {counts[label]}" for label in [*labels, UNCERTAIN]]
    return f"{total} comment(s): " + ", ".join(parts)
