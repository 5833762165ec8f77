"""Split a flat-text page into its reader comments, following section 1 of LABELING.md."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .boundary_model import load_model, split_groups
from .comment_fields import parse_furniture
from .furniture import furniture_lines
from .pages import Page, span_text
from .split_rules import rule_groups
from .threads import END_MARKER, Thread, find_thread


@dataclass(frozen=True)
class Comment:
    id: str
    page: str
    start_line: int
    end_line: int
    text: str
    author: str | None = None
    posted: str | None = None


def comment_id(page: str, text: str, occurrence: int = 1) -> str:
    """Stable id from the page name and the comment's text; a repeated text on a page counts up."""
    stem = page.rsplit("/", 1)[-1].split(".")[0]
    digest = hashlib.sha256(f"{page}\0{text}".encode("utf-8")).hexdigest()[:12]
    return f"{stem}-{digest}" if occurrence == 1 else f"{stem}-{digest}-{occurrence}"


def comment_ids(page: str, texts: list[str]) -> list[str]:
    """Ids of a page's comments given in page order: the n-th repeat of a text gets `-n`.

    The one place repeats are counted, shared by the splitter and the label store.
    """
    seen: dict[str, int] = {}
    ids = []
    for text in texts:
        seen[text] = seen.get(text, 0) + 1
        ids.append(comment_id(page, text, seen[text]))
    return ids


def has_layout(page: Page, thread: Thread) -> bool:
    """Does the thread carry the layout cues (blank lines) the boundary model reads?"""
    return any(not page.lines[n - 1].strip() for n in range(thread.start, thread.end + 1))


def thread_groups(page: Page, thread: Thread, model: dict | None = None) -> list[list[int]]:
    """The comments of a thread: the boundary model where the thread has layout cues, else the text-cue rules."""
    model = model or load_model()
    if model and has_layout(page, thread):
        return split_groups(page, thread, model)
    return rule_groups(page, thread)


def thread_from(page: Page, start: int) -> Thread | None:
    """The thread of a page whose start line is known (a corpus' truth): it ends at a reply form."""
    lines = page.lines
    start = next((n for n in range(max(start, 1), len(lines) + 1) if lines[n - 1].strip()), None)
    if start is None:
        return None
    end = next((n - 1 for n in range(start, len(lines) + 1) if END_MARKER.match(lines[n - 1].strip())), len(lines))
    while end >= start and not lines[end - 1].strip():
        end -= 1
    return Thread(start, end, furniture_lines(lines)) if start <= end else None


def split_page(page: Page, thread_start: int | None = None) -> list[Comment]:
    """The reader comments of a page, in page order; [] when it has no thread.

    With `thread_start` (the line where the thread is known to begin) thread detection is skipped,
    so comment boundaries can be measured on their own.
    """
    return split_thread(page, find_thread(page) if thread_start is None else thread_from(page, thread_start))


def split_thread(page: Page, thread: Thread | None) -> list[Comment]:
    """The comments of a thread already found on the page ([] for None)."""
    if thread is None:
        return []
    groups = thread_groups(page, thread)
    texts = [span_text(page, group[0], group[-1]) for group in groups]
    comments = []
    for group, text, id_ in zip(groups, texts, comment_ids(page.name, texts)):
        first, last = group[0], group[-1]
        author, posted = parse_furniture(page.lines, thread.furniture, first, last)
        comments.append(Comment(id_, page.name, first, last, text, author, posted))
    return comments
