"""Comments to score, read lazily from JSONL, CSV, page .txt files or standard input."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ClassifierError
from .sources import load_page
from .splitter import split_page


@dataclass(frozen=True)
class InputComment:
    id: str
    text: str
    source: str
    page: str | None = None
    start_line: int | None = None
    end_line: int | None = None


def _open_text(name: str):
    if name == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    path = Path(name)
    if not path.is_file():
        raise ClassifierError(f"{name}: no such file; check the path (use - for standard input)")
    return open(path, encoding="utf-8", errors="replace", newline="")


def _row_id(value, fallback: str) -> str:
    return fallback if value is None or value == "" else str(value)


def read_jsonl(name: str) -> Iterator[InputComment]:
    stem = "stdin" if name == "-" else Path(name).stem
    with _open_text(name) as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ClassifierError(f"{where}: not valid JSON ({exc.msg}); fix the line or remove it") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ClassifierError(f'{where}: each line needs a "text" string, e.g. {{"id": "c1", "text": "..."}}')
            yield InputComment(_row_id(record.get("id"), f"{stem}:{number}"), record["text"], where,
                               record.get("page"), record.get("start_line"), record.get("end_line"))


def read_csv(name: str) -> Iterator[InputComment]:
    stem = Path(name).stem
    with _open_text(name) as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise ClassifierError(f"{name}: the CSV needs a header row with a `text` column")
        try:
            for row in reader:
                number = reader.line_num
                if row.get("text") is None:
                    raise ClassifierError(f"{name}:{number}: the row has no `text` value; fix the row")
                yield InputComment(_row_id(row.get("id"), f"{stem}:{number}"), row["text"], f"{name}:{number}")
        except csv.Error as exc:
            raise ClassifierError(f"{name}:{reader.line_num}: bad CSV ({exc}); fix the row") from None


def read_page(name: str) -> Iterator[InputComment]:
    for comment in split_page(load_page(name)):
        yield InputComment(comment.id, comment.text, f"{name}:{comment.start_line}",
                           comment.page, comment.start_line, comment.end_line)


READERS = {".jsonl": read_jsonl, ".json": read_jsonl, ".csv": read_csv, ".txt": read_page}


def read_inputs(names: list[str]) -> Iterator[InputComment]:
    """Every comment of every input, in order; the reader is chosen by file extension (- is JSONL)."""
    for name in names:
        suffix = ".jsonl" if name == "-" else ".txt" if name.startswith("dragnet/") else Path(name).suffix.lower()
        if suffix not in READERS:
            raise ClassifierError(f"{name}: unknown input type {suffix or '(none)'}; give .jsonl, .csv or page .txt files")
        yield from READERS[suffix](name)
