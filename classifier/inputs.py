"""Comments to score, read lazily in batches from JSONL, CSV, Parquet, page .txt files or standard input.

Reading is split in two so that parallel scoring stays cheap for the main process: `read_batches`
only cuts the input into batches (raw JSONL lines, or comments already parsed for the other
formats), and `parse_batch` - run wherever the batch is scored - turns a batch into comments. A
row that cannot be scored (bad JSON, no `text` string) becomes a comment with an `error`; only a
problem with a whole input (missing file, unknown type, a CSV without a `text` column) raises.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ClassifierError

BATCH_SIZE = 2000


@dataclass(frozen=True, slots=True)
class InputComment:
    id: str
    text: str | None
    source: str
    page: str | None = None
    start_line: int | None = None
    end_line: int | None = None
    error: str | None = None


@dataclass(slots=True)
class RawBatch:
    """A slice of one input: raw JSONL `lines` starting at line `first_line`, or parsed `comments`."""

    name: str
    first_line: int = 1
    lines: list[bytes] = field(default_factory=list)
    comments: list[InputComment] = field(default_factory=list)
    size: int = 0  # bytes of input this batch accounts for, for progress


def _stem(name: str) -> str:
    return "stdin" if name == "-" else Path(name).stem


def _row_id(value, fallback: str) -> str:
    return fallback if value is None or value == "" else str(value)


def _kind(name: str) -> str:
    if name == "-":
        return ".jsonl"
    if name.startswith("dragnet/") and not Path(name).exists():
        return ".txt"
    suffix = Path(name).suffix.lower()
    return ".jsonl" if suffix == ".json" else suffix


def check_inputs(names: list[str]) -> None:
    """Fail before any output is written if an input is missing or of an unknown type."""
    for name in names:
        kind = _kind(name)
        if kind not in (".jsonl", ".csv", ".parquet", ".txt"):
            raise ClassifierError(f"{name}: unknown input type {kind or '(none)'}; give .jsonl, .csv, .parquet or page .txt files")
        if name != "-" and not (kind == ".txt" and name.startswith("dragnet/")) and not Path(name).is_file():
            raise ClassifierError(f"{name}: no such file; check the path (use - for standard input)")


def _jsonl_batches(name: str, batch_size: int) -> Iterator[RawBatch]:
    handle = sys.stdin.buffer if name == "-" else open(name, "rb")
    try:
        batch = RawBatch(name)
        for line in handle:
            batch.lines.append(line)
            batch.size += len(line)
            if len(batch.lines) == batch_size:
                yield batch
                batch = RawBatch(name, batch.first_line + batch_size)
        if batch.lines:
            yield batch
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _loads():
    try:
        import orjson

        return orjson.loads
    except ImportError:  # orjson is a dependency, but the standard library gives the same records
        return json.loads


def _jsonl_comment(loads, line: bytes, name: str, stem: str, number: int) -> InputComment | None:
    where = f"{name}:{number}"
    try:
        record = loads(line)
    except ValueError:
        if not line.strip():
            return None
        try:  # the standard library names the problem, and decodes bad UTF-8 as the old reader did
            record = json.loads(line.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            return InputComment(f"{stem}:{number}", None, where, error=f"{where}: not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return InputComment(f"{stem}:{number}", None, where, error=f'{where}: not a JSON object with a "text" string')
    row_id = _row_id(record.get("id"), f"{stem}:{number}")
    text = record.get("text")
    if not isinstance(text, str):
        problem = "no" if text is None else f"a non-string ({type(text).__name__})"
        return InputComment(row_id, None, where, error=f'{where}: {problem} "text"; each line needs a "text" string')
    page = record.get("page")
    if page is None:
        return InputComment(row_id, text, where)
    return InputComment(row_id, text, where, page, record.get("start_line"), record.get("end_line"))


def parse_batch(batch: RawBatch) -> list[InputComment]:
    """The batch's comments in order; blank JSONL lines are skipped, bad ones carry an error."""
    if not batch.lines:
        return batch.comments
    loads, stem, comments = _loads(), _stem(batch.name), []
    for number, line in enumerate(batch.lines, batch.first_line):
        comment = _jsonl_comment(loads, line, batch.name, stem, number)
        if comment is not None:
            comments.append(comment)
    return comments


def _csv_batches(name: str, batch_size: int) -> Iterator[RawBatch]:
    stem = _stem(name)
    with open(name, "rb") as binary:
        reader = csv.DictReader(io.TextIOWrapper(binary, encoding="utf-8", errors="replace", newline=""))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise ClassifierError(f"{name}: the CSV needs a header row with a `text` column")
        batch, done = RawBatch(name), 0
        while True:
            try:
                row = next(reader, None)
            except csv.Error as exc:
                where = f"{name}:{reader.line_num}"
                batch.comments.append(InputComment(f"{stem}:{reader.line_num}", None, where, error=f"{where}: bad CSV ({exc})"))
                continue
            if row is not None:
                where = f"{name}:{reader.line_num}"
                row_id = _row_id(row.get("id"), f"{stem}:{reader.line_num}")
                text = row.get("text")
                batch.comments.append(InputComment(row_id, text, where) if text is not None else
                                      InputComment(row_id, None, where, error=f"{where}: the row has no `text` value"))
            if row is None or len(batch.comments) == batch_size:
                position = binary.tell()
                batch.size, done = position - done, position
                if batch.comments:
                    yield batch
                if row is None:
                    return
                batch = RawBatch(name)


def _parquet_batches(name: str, batch_size: int) -> Iterator[RawBatch]:
    import pyarrow.parquet as pq

    stem, parquet = _stem(name), pq.ParquetFile(name)
    columns = [c for c in ("id", "text", "page", "start_line", "end_line") if c in parquet.schema_arrow.names]
    if "text" not in columns:
        raise ClassifierError(f"{name}: the Parquet file needs a `text` column")
    number, total_rows = 0, max(1, parquet.metadata.num_rows)
    size = Path(name).stat().st_size
    for table in parquet.iter_batches(batch_size=batch_size, columns=columns):
        comments = []
        for row in table.to_pylist():
            number += 1
            where, row_id, text = f"{name}:{number}", _row_id(row.get("id"), f"{stem}:{number}"), row["text"]
            if not isinstance(text, str):
                comments.append(InputComment(row_id, None, where, error=f"{where}: the row has no `text` string"))
            else:
                comments.append(InputComment(row_id, text, where, row.get("page"), row.get("start_line"), row.get("end_line")))
        yield RawBatch(name, comments=comments, size=size * len(comments) // total_rows)


def _page_batches(name: str, batch_size: int) -> Iterator[RawBatch]:
    from .sources import load_page
    from .splitter import split_page

    comments = [InputComment(c.id, c.text, f"{name}:{c.start_line}", c.page, c.start_line, c.end_line)
                for c in split_page(load_page(name))]
    size = Path(name).stat().st_size if Path(name).is_file() else 0
    for start in range(0, max(1, len(comments)), batch_size):
        yield RawBatch(name, comments=comments[start:start + batch_size], size=size if start == 0 else 0)


READERS = {".jsonl": _jsonl_batches, ".csv": _csv_batches, ".parquet": _parquet_batches, ".txt": _page_batches}


def read_batches(names: list[str], batch_size: int = BATCH_SIZE) -> Iterator[RawBatch]:
    """Every input cut into batches, in order; the reader is chosen by extension (- is JSONL on stdin)."""
    check_inputs(names)
    for name in names:
        yield from READERS[_kind(name)](name, batch_size)


def read_inputs(names: list[str], batch_size: int = BATCH_SIZE) -> Iterator[InputComment]:
    """Every comment of every input, in order, rows that cannot be scored included."""
    for batch in read_batches(names, batch_size):
        yield from parse_batch(batch)


def input_size(names: list[str]) -> int | None:
    """Total bytes of the inputs, or None when one is standard input or a Dragnet page."""
    try:
        return sum(Path(name).stat().st_size for name in names if name != "-") if "-" not in names else None
    except OSError:
        return None
