"""Score comments with a trained model, batch by batch, one output row per input comment.

`score_batch` is the whole per-batch step: probabilities for the comments that have text, then
`build_records` turns comments + probabilities into output records (a row that could not be scored
keeps its `error`), then `format_records` writes them as JSONL or CSV text. Per-record options
(see `ScoreOptions`) belong in `build_records`, so every path - one process, --jobs, --dask - gets them.
"""

from __future__ import annotations

import csv
import io
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .inputs import BATCH_SIZE, InputComment, RawBatch, parse_batch

FORMATS = ("jsonl", "csv", "records")


@dataclass(frozen=True)
class ScoreOptions:
    """Per-record options applied in `build_records`; picklable, so worker processes get them too."""

    output_format: str = "jsonl"  # jsonl, csv, or records (the dicts themselves, for tables and tests)
    min_confidence: float | None = None  # below it a comment is labelled `uncertain` (abstain.py)
    explain_top: int = 0  # how many contributions `explanation` lists; 0: no explanation (explain.py)


def predict_proba(model, texts: list[str]):
    """Probabilities for every text, columns in `model.classes_` order (fast exact path when there is one)."""
    fast = getattr(model, "fast_predict_proba", None)
    return fast(texts) if fast is not None else model.predict_proba(texts)


def build_records(model, labels: list[str], comments: list[InputComment], proba,
                  options: ScoreOptions = ScoreOptions()) -> list[dict]:
    """Output records for one batch: `proba` has a row for each comment without an error, in order.

    `model` is what scored them (a Pipeline, or fastvec.CompiledModel whose `.pipeline` is one).
    """
    import numpy as np

    full = np.zeros((len(proba), len(labels)))
    full[:, [int(k) for k in model.classes_]] = proba
    best = full.argmax(axis=1).tolist()  # the first label wins a tie, as max() over `labels` would
    rounded = np.round(full, 6).tolist()
    records, k = [], 0
    for comment in comments:
        if comment.error is not None:
            record = {"id": comment.id, "label": None, "confidence": None, "probabilities": None, "error": comment.error}
        else:
            row, top = rounded[k], best[k]
            k += 1
            record = {"id": comment.id, "label": labels[top], "confidence": row[top],
                      "probabilities": dict(zip(labels, row))}
        if comment.page is not None:
            record.update(page=comment.page, start_line=comment.start_line, end_line=comment.end_line)
        records.append(record)
    return _extras(model, labels, comments, records, options)


# Laying out the feature names costs more than explaining a batch: once per model per process.
_EXPLAINERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _extras(model, labels: list[str], comments: list[InputComment], records: list[dict], options: ScoreOptions) -> list[dict]:
    """Explanations and abstaining, for the rows that were scored."""
    scored = [i for i, r in enumerate(records) if r["label"] is not None]
    if options.explain_top and scored:
        from .explain import Explainer, add_explanations

        pipeline = getattr(model, "pipeline", model)
        explainer = _EXPLAINERS.get(pipeline)
        if explainer is None:
            explainer = _EXPLAINERS[pipeline] = Explainer(pipeline, labels)
        explained = add_explanations(explainer, [comments[i].text for i in scored], [records[i] for i in scored],
                                     options.explain_top)
        for i, row in zip(scored, explained):
            records[i] = row
    if options.min_confidence is not None:
        from .abstain import apply_min_confidence

        for i in scored:
            records[i] = apply_min_confidence(records[i], options.min_confidence)
    return records


def score_batch(model, labels: list[str], comments: list[InputComment],
                options: ScoreOptions = ScoreOptions()) -> list[dict]:
    """Records with id, label, confidence and every label's probability, plus the page span if known."""
    texts = [c.text for c in comments if c.error is None]
    proba = predict_proba(model, texts) if texts else _empty(len(model.classes_))
    return build_records(model, labels, comments, proba, options)


def _empty(width: int):
    import numpy as np

    return np.zeros((0, width))


def score_raw_batch(model, labels: list[str], batch: RawBatch, options: ScoreOptions = ScoreOptions()):
    """(output text or records, comments, errors, label counts) for one raw batch: parse, score, format."""
    from collections import Counter

    records = score_batch(model, labels, parse_batch(batch), options)
    errors = sum(1 for r in records if "error" in r)
    counts = Counter(r["label"] for r in records if r["label"] is not None)
    if options.output_format == "records":
        return records, len(records), errors, counts
    return format_records(records, options.output_format, labels), len(records), errors, counts


def score_comments(model, labels: list[str], comments: Iterable[InputComment],
                   batch_size: int = BATCH_SIZE, options: ScoreOptions = ScoreOptions()) -> Iterator[dict]:
    """Scored records in input order, computed a batch at a time so memory stays flat."""
    batch: list[InputComment] = []
    for comment in comments:
        batch.append(comment)
        if len(batch) == batch_size:
            yield from score_batch(model, labels, batch, options)
            batch = []
    if batch:
        yield from score_batch(model, labels, batch, options)


def format_records(records: list[dict], output_format: str, labels: list[str]) -> str:
    """JSONL lines or CSV rows (no header) for a batch of records."""
    if output_format == "jsonl":
        return _jsonl(records)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for r in records:
        probabilities = r["probabilities"] or {}
        writer.writerow([r["id"], r["label"] or "", "" if r["confidence"] is None else r["confidence"],
                         *(probabilities.get(label, "") for label in labels),
                         r.get("page", ""), r.get("start_line", ""), r.get("end_line", ""), r.get("error", "")])
    return buffer.getvalue()


def _jsonl(records: list[dict]) -> str:
    try:
        import orjson
    except ImportError:  # a dependency, but the standard library writes the same records
        import json

        return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
    try:
        return b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in records).decode("utf-8")
    except TypeError:  # a lone surrogate in an id (JSON allows "\ud800"): escape it as the standard library does
        import json

        return "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records)


def csv_header(labels: list[str]) -> str:
    return ",".join(["id", "label", "confidence", *(f"p_{label}" for label in labels),
                     "page", "start_line", "end_line", "error"]) + "\n"
