"""The hand-label store: stand-off JSONL records that point into pages by span and text hash."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ClassifierError
from .pages import span_text, text_sha256
from .sources import PageSource
from .splitter import comment_ids

LABELS = ("question", "rebuttal", "link-share", "thanks", "other")
PRIORITY = {label: rank for rank, label in enumerate(LABELS)}
REQUIRED = ("page", "start_line", "end_line", "text_sha256", "label", "also")
LABELS_DIR = Path(__file__).resolve().parent.parent / "labels"


@dataclass(frozen=True)
class LabelledComment:
    page: str
    start_line: int
    end_line: int
    text: str
    label: str
    also: tuple[str, ...] = ()
    id: str = ""
    where: str = field(default="", compare=False)


def label_files(path: str | Path) -> list[Path]:
    """A label file, or every *.jsonl below a label folder, in a fixed order."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ClassifierError(f"labels {path} do not exist; pass --labels with a label folder or .jsonl file")
    files = sorted(p for p in path.rglob("*.jsonl") if p.is_file())
    if not files:
        raise ClassifierError(f"{path} holds no *.jsonl label files; label some comments first (see labels/README.md)")
    return files


def _check_record(record: object, where: str) -> None:
    if not isinstance(record, dict):
        raise ClassifierError(f"{where}: a label record must be a JSON object")
    missing = [key for key in REQUIRED if key not in record]
    if missing:
        raise ClassifierError(f"{where}: missing field(s) {', '.join(missing)}; see labels/README.md")
    if record["label"] not in LABELS:
        raise ClassifierError(f"{where}: unknown label {record['label']!r}; use one of {', '.join(LABELS)}")
    also = record["also"]
    if not isinstance(also, list) or any(a not in LABELS for a in also):
        raise ClassifierError(f"{where}: `also` must be a list of labels from {', '.join(LABELS)}, got {also!r}")
    if record["label"] in also:
        raise ClassifierError(f"{where}: `also` repeats the primary label {record['label']!r}; remove it")
    for key in ("start_line", "end_line"):
        if not isinstance(record[key], int) or isinstance(record[key], bool):
            raise ClassifierError(f"{where}: {key} must be a whole number, got {record[key]!r}")


def read_records(path: str | Path) -> list[tuple[str, dict]]:
    """(where, record) for every line of every label file, checked for form but not against pages."""
    out = []
    for file in label_files(path):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ClassifierError(f"{where}: not valid JSON ({exc.msg}); fix or delete the line") from None
            _check_record(record, where)
            out.append((where, record))
    return out


def load_labels(path: str | Path = LABELS_DIR, source: PageSource | None = None) -> list[LabelledComment]:
    """Every hand label with its text resolved from its page; any inconsistency raises."""
    return resolve_records(read_records(path), source)


def resolve_records(records: list[tuple[str, dict]], source: PageSource | None = None) -> list[LabelledComment]:
    """(where, record) pairs checked against their pages: text hash, duplicates, overlaps."""
    source = source or PageSource()
    comments: list[LabelledComment] = []
    seen: dict[tuple[str, int, int], str] = {}
    for where, record in records:
        try:
            page = source.get(record["page"])
            text = span_text(page, record["start_line"], record["end_line"])
        except ClassifierError as exc:
            raise ClassifierError(f"{where}: {exc}") from None
        if text_sha256(text) != record["text_sha256"]:
            raise ClassifierError(
                f"{where}: the text of {record['page']} lines {record['start_line']}-{record['end_line']} "
                "no longer matches text_sha256; the page changed or the span is wrong, re-check the label"
            )
        key = (record["page"], record["start_line"], record["end_line"])
        if key in seen:
            raise ClassifierError(f"{where}: duplicate of the label at {seen[key]}; delete one of them")
        seen[key] = where
        also = tuple(sorted(record["also"], key=PRIORITY.get))
        comments.append(LabelledComment(*key, text, record["label"], also, where=where))
    _check_overlaps(comments)
    return with_ids(comments)


def with_ids(comments: list[LabelledComment]) -> list[LabelledComment]:
    """Give each comment the id the splitter would give it (a repeat of a text on a page counts up)."""
    by_page: dict[str, list[LabelledComment]] = {}
    for comment in sorted(comments, key=lambda c: (c.page, c.start_line)):
        by_page.setdefault(comment.page, []).append(comment)
    ids = {}
    for page, ordered in by_page.items():
        for comment, id_ in zip(ordered, comment_ids(page, [c.text for c in ordered])):
            ids[(page, comment.start_line)] = id_
    return [replace(c, id=ids[(c.page, c.start_line)]) for c in comments]


def _check_overlaps(comments: list[LabelledComment]) -> None:
    ordered = sorted(comments, key=lambda c: (c.page, c.start_line, c.end_line))
    for before, after in zip(ordered, ordered[1:]):
        if before.page == after.page and after.start_line <= before.end_line:
            raise ClassifierError(
                f"{after.where}: span {after.start_line}-{after.end_line} overlaps "
                f"{before.start_line}-{before.end_line} at {before.where}; fix the segmentation"
            )


def make_record(page: str, start_line: int, end_line: int, text: str, label: str, also=(), with_text=False) -> dict:
    """A store record for a comment whose span and text are known."""
    record = {"page": page, "start_line": start_line, "end_line": end_line,
              "text_sha256": text_sha256(text), "label": label, "also": list(also)}
    if with_text:
        record["text"] = text
    return record
