"""Pages as numbered lines, and the canonical text and hash of a line span."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import ClassifierError


@dataclass(frozen=True)
class Page:
    """A page of flat text: `lines[0]` is line 1.

    `thread_start` is the 1-based line where a corpus says the comment thread
    begins (None when the corpus does not say, as for plain files).
    """

    name: str
    lines: tuple[str, ...]
    thread_start: int | None = None


def decode_page_bytes(data: bytes) -> str:
    """UTF-8, falling back to cp1252 (what 2012-era pages were written in)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as a text editor numbers them; only \\n, \\r\\n and \\r end a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return tuple(text.split("\n"))


def read_page_file(path: str | Path) -> Page:
    """Read a flat-text page from disk; the page is named by its file name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ClassifierError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise ClassifierError(f"{path}: is a folder; pass page files such as {path}/*.txt") from None
    return Page(name=path.name, lines=split_lines(decode_page_bytes(data)))


def span_text(page: Page, start_line: int, end_line: int) -> str:
    """The comment text of lines start..end (1-based, inclusive): stripped, blank lines dropped."""
    if not 1 <= start_line <= end_line <= len(page.lines):
        raise ClassifierError(
            f"{page.name}: span {start_line}-{end_line} is outside the page's {len(page.lines)} lines"
        )
    kept = (line.strip() for line in page.lines[start_line - 1 : end_line])
    return "\n".join(line for line in kept if line)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
