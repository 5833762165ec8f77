"""The label file a labelling session adds to: every change replaces the whole file atomically.

A change is written to a temporary file beside the store, fsynced, then renamed over the store
(and the folder fsynced), so at every instant the store on disk is either the old file or the new
one, never a half-written line: a crash, Ctrl-C or SIGKILL loses at most the answer being saved.
The bytes already in the store are kept exactly; new records only ever follow them.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .errors import ClassifierError
from .labels import LabelledComment, _check_overlaps, read_records
from .output import atomic_write

Span = tuple[str, int, int]


def durable_write(path: Path, data: bytes) -> None:
    """Replace `path` by `data` atomically, and make the new file survive a power cut."""

    def write(handle):
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())

    atomic_write(path, write)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _remove_stale_temporaries(path: Path, age_seconds: float = 600) -> None:
    """Delete the temporary copies a killed session left beside the store (old ones only: a live
    session's write takes milliseconds)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if time.time() - stale.stat().st_mtime > age_seconds:
                stale.unlink()
        except FileNotFoundError:
            pass


class LabelStore:
    """A stand-off label file (see labels/README.md), checked on opening; appends and undoes answers."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise ClassifierError(f"store {self.path} is a folder; give a file such as {self.path / 'mine.jsonl'}")
        if self.path.suffix != ".jsonl":
            raise ClassifierError(f"store {self.path} must end in .jsonl so `classifier train --labels` reads it")
        _remove_stale_temporaries(self.path)
        self._base = self.path.read_bytes() if self.path.exists() else b""
        if self._base and not self._base.endswith(b"\n"):
            self._base += b"\n"  # the next record starts a line of its own
        found = read_records(self.path) if self.path.exists() else []
        _check_overlaps([LabelledComment(r["page"], r["start_line"], r["end_line"], "", r["label"], where=where)
                         for where, r in found])
        self.records: list[dict] = [record for _, record in found]
        self.added: list[dict] = []
        self._stamp = self._stat()

    def _stat(self):
        if not self.path.exists():
            return None
        info = self.path.stat()
        return info.st_ino, info.st_size, info.st_mtime_ns

    def _write(self) -> None:
        # Another session or an editor changing the file under us would be overwritten: refuse instead.
        if self._stat() != self._stamp:
            raise ClassifierError(f"{self.path} changed on disk during this session (another session or an editor?); "
                                  "your earlier answers are saved, rerun `classifier label` to resume")
        lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in self.added)
        durable_write(self.path, self._base + lines.encode("utf-8"))
        self._stamp = self._stat()

    def spans(self) -> dict[Span, str]:
        """(page, start_line, end_line) -> text_sha256 of every record in the store."""
        return {(r["page"], r["start_line"], r["end_line"]): r["text_sha256"] for r in self.records + self.added}

    def append(self, record: dict) -> None:
        self.added.append(record)
        try:
            self._write()
        except BaseException:
            self.added.pop()
            raise

    def undo(self) -> dict | None:
        """Remove the last record this session added (never one that was there before); None if none."""
        if not self.added:
            return None
        record = self.added.pop()
        try:
            self._write()
        except BaseException:
            self.added.append(record)
            raise
        return record


class SkipList:
    """Spans the labeller skipped, kept beside the store as STORE.skipped so a rerun asks them last."""

    def __init__(self, store_path: Path):
        self.path = store_path.with_name(store_path.name + ".skipped")
        self.spans: dict[Span, None] = {}
        if self.path.is_file():
            for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
                try:
                    record = json.loads(line)
                    self.spans[(record["page"], record["start_line"], record["end_line"])] = None
                except (json.JSONDecodeError, KeyError, TypeError):
                    raise ClassifierError(f"{self.path}:{number}: not a skipped-comment record; "
                                          "delete the file to forget earlier skips") from None

    def add(self, span: Span) -> None:
        if span in self.spans:
            return
        self.spans[span] = None
        lines = "".join(json.dumps({"page": p, "start_line": s, "end_line": e}, ensure_ascii=False) + "\n"
                        for p, s, e in self.spans)
        durable_write(self.path, lines.encode("utf-8"))
