"""Score comments with a trained model, batch by batch, one output row per input comment."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from itertools import islice

from .inputs import InputComment

BATCH_SIZE = 2000


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def score_batch(pipeline, labels: list[str], comments: list[InputComment]) -> list[dict]:
    """Rows with id, label, confidence and every label's probability, plus the page span if known."""
    proba = pipeline.predict_proba([c.text for c in comments])
    classes = [labels[int(k)] for k in pipeline.classes_]
    rows = []
    for comment, row in zip(comments, proba):
        probabilities = {label: 0.0 for label in labels}
        probabilities.update({label: round(float(p), 6) for label, p in zip(classes, row)})
        best = max(labels, key=probabilities.__getitem__)
        out = {"id": comment.id, "label": best, "confidence": probabilities[best], "probabilities": probabilities}
        if comment.page is not None:
            out.update(page=comment.page, start_line=comment.start_line, end_line=comment.end_line)
        rows.append(out)
    return rows


def score_comments(pipeline, labels: list[str], comments: Iterable[InputComment],
                   batch_size: int = BATCH_SIZE) -> Iterator[dict]:
    """Scored rows in input order, computed a batch at a time so memory stays flat."""
    for batch in batched(comments, batch_size):
        yield from score_batch(pipeline, labels, batch)


def format_jsonl(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


def csv_header(labels: list[str]) -> str:
    return _csv_line(["id", "label", "confidence", *(f"p_{label}" for label in labels), "page", "start_line", "end_line"])


def format_csv(row: dict, labels: list[str]) -> str:
    return _csv_line([row["id"], row["label"], row["confidence"], *(row["probabilities"][l] for l in labels),
                      row.get("page", ""), row.get("start_line", ""), row.get("end_line", "")])


def _csv_line(values: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()
