"""Split a flat-text page into its reader comments, following section 1 of LABELING.md."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .boundary_model import load_model, split_groups
from .comment_fields import parse_furniture
from .furniture import furniture_lines
from .pages import Page, span_text
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


URL_ONLY = re.compile(r"^(?:<)?(?:https?://|www\.)\S+$", re.I)
QUOTE_OPEN = "\"“”„«>'‘"
CONNECTIVE = re.compile(
    r"^(?:after all|same|besides|they|this|these|those|it|that|also|but|and|so|or|plus|anyway|still|"
    r"however|then|he|she|his|her|p\.?s\.?|otherwise|moreover|furthermore|in addition|which)\b",
    re.I,
)
PERSONAL = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|My|you|You|your|Your|we|We|our|Our)\b")
INTERJECTION = re.compile(r"^(?:wow|lol|ha+|oh|ah|hey|hi|hello|yes|no|great|love|nice|amen|ok|omg)\b", re.I)
VOCATIVE = re.compile(r"^@\S+|^[A-Z][\w.\-/]*(?: [A-Z][\w.\-]*)?,\s+\S")
INTRODUCES_LINK = re.compile(r"^(?:here['’]?s|here is|see|check out|read|via|source)\b", re.I)


def is_url_only(line: str) -> bool:
    return bool(URL_ONLY.match(line))


def is_salutation(line: str) -> bool:
    """A line that only names the person addressed: "Neo", "Bill/DJ", "Hamidreza,", "@Kent"."""
    words = line.split()
    return (
        0 < len(words) <= 2
        and len(line) <= 30
        and (line[0].isupper() or line[0] == "@")
        and line[-1] not in ".?!:;\"”"
        and not is_url_only(line)
    )


def is_signature(line: str) -> bool:
    """A closing name: "Mcgruder.", "-- Tom", "~Ann"."""
    words = line.split()
    if not 0 < len(words) <= 3 or len(line) > 30:
        return False
    if line[0] in "-~—–":
        return True
    return len(words) <= 2 and line.endswith(".") and all(w[0].isupper() for w in words)


def is_title_like(line: str) -> bool:
    """A headline: a few capitalised words with no closing punctuation (a trackback's title)."""
    words = re.findall(r"[A-Za-z][\w'’.-]*", line)
    if not 3 <= len(words) <= 16 or line[-1] in ".?!:,;\"”)" or is_url_only(line):
        return False
    capitalised = sum(w[0].isupper() or w.lower() in {"a", "an", "the", "of", "in", "on", "to", "and", "for", "at"} for w in words)
    return capitalised >= 0.8 * len(words)


def is_quote(line: str) -> bool:
    return line[0] in QUOTE_OPEN and (line[-1] in "\"”“'’" or line[0] == ">")


def starts_lowercase(line: str) -> bool:
    first = next((ch for ch in line if ch.isalpha()), "")
    return first.islower() and not is_url_only(line)


def _continues(previous: str, line: str) -> bool | None:
    """True: `line` must continue the comment; False: it must start a new one; None: no rule decides."""
    if is_signature(previous):
        return False
    if (
        is_salutation(previous)
        or previous.endswith(":")
        or is_title_like(previous)
        or is_quote(previous)
        or (is_url_only(previous) and not is_url_only(line))
        or (is_url_only(line) and INTRODUCES_LINK.match(previous))
        or previous.lower() in {"/snip", "[snip]", "snip"}
        or line.lower() in {"/snip", "[snip]", "snip"}
        or (starts_lowercase(line) and not INTERJECTION.match(line))
        or is_signature(line)
    ):
        return True
    return None


def _opening_score(line: str) -> int:
    """How much `line` looks like the first line of a new comment rather than a further paragraph."""
    score = 0
    if is_salutation(line) or VOCATIVE.match(line) or is_url_only(line) or (is_quote(line) and line[0] != ">"):
        score += 2
    if is_title_like(line):
        score += 1
    if PERSONAL.search(line) or INTERJECTION.match(line):
        score += 1
    if CONNECTIVE.match(line):
        score -= 2
    return score


def _split_plain(lines: list[tuple[int, str]]) -> list[list[int]]:
    """Comments of a thread without furniture: where each line starts a comment or continues one."""
    groups: list[list[int]] = []
    previous = None
    for number, line in lines:
        rule = None if previous is None else _continues(previous, line)
        starts = previous is None or rule is False or (rule is None and _opening_score(line) > 0)
        if starts:
            groups.append([number])
        else:
            groups[-1].append(number)
        previous = line
    return groups


def _split_by_furniture(page: Page, start: int, end: int, furniture: frozenset[int]) -> list[list[int]]:
    """Comments of a thread with author/date lines: the text between two furniture lines."""
    groups: list[list[int]] = []
    current: list[int] = []
    for number in range(start, end + 1):
        line = page.lines[number - 1].strip()
        if not line:
            continue
        if number in furniture:
            if current:
                groups.append(current)
            current = []
        else:
            current.append(number)
    if current:
        groups.append(current)
    return groups


def rule_groups(page: Page, thread: Thread) -> list[list[int]]:
    """The comments of a thread as lists of line numbers, by the hand-written rules."""
    if thread.has_furniture:
        return _split_by_furniture(page, thread.start, thread.end, thread.furniture)
    lines = [(n, page.lines[n - 1].strip()) for n in range(thread.start, thread.end + 1) if page.lines[n - 1].strip()]
    return _split_plain(lines)


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
