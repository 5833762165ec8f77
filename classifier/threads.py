"""Where a page's reader thread is: its header, its first line (thread_model.py), its end."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .furniture import ACTIONS, ON_DATE_SAID, SAYS, furniture_lines, stripped_line
from .pages import Page

HEADER = re.compile(
    r"^(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:comments?|responses?|replies|"
    r"thoughts?|reactions?)\b.{0,150}$|^(?:reader\s+)?(?:comments?|responses|discussion)\s*(?:\(\d+\))?\s*:?$",
    re.I,
)
END_MARKER = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add (?:a|your) comment|submit comment|post comment|"
    r"name\s*\(required\)|notify me of|comments? (?:are|is) closed|you must be logged in)",
    re.I,
)


@dataclass(frozen=True)
class Thread:
    start: int
    end: int
    furniture: frozenset[int]  # every furniture line of the page, found once

    @property
    def has_furniture(self) -> bool:
        return sum(self.start <= n <= self.end for n in self.furniture) >= 2


def _header_start(lines) -> int | None:
    """The line after a comment-section header ("16 Comments", "Responses"), if the page has one."""
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if line and len(line) <= 160 and HEADER.match(line) and not line.lower().startswith(("no ", "0 ")):
            return number + 1
    return None


TOP_HEADER_LINES = 6  # a comment count this near the top is the article's, not the thread's header
MAX_GAP = 30  # non-blank lines between two comments' furniture lines in one thread


def furniture_cluster_start(lines, furniture: frozenset[int]) -> int | None:
    """Where the last run of regularly recurring author/date lines begins (the fallback when the model finds none).

    A thread is at the end of a page and marks each comment with furniture; an article has at most
    a byline or two. When the furniture follows each comment, the thread begins one comment earlier.
    """
    text = [n for n in range(1, len(lines) + 1) if lines[n - 1].strip()]
    position = {n: i for i, n in enumerate(text)}
    marks = [n for n in text if n in furniture and not ACTIONS.match(stripped_line(lines, n))]
    # Merge adjacent furniture lines (a name above its date) into one mark.
    heads = [n for i, n in enumerate(marks) if i == 0 or position[n] - position[marks[i - 1]] > 1]
    if len(heads) < 3:
        return None
    cluster = [heads[-1]]
    gaps: list[int] = []
    for index in range(len(heads) - 2, -1, -1):
        gap = position[cluster[0]] - position[heads[index]]
        # A gap far longer than the thread's usual comment is the article, unless the regular
        # rhythm goes on before it (then it was one long comment).
        limit = MAX_GAP if len(gaps) < 2 else min(MAX_GAP, max(6, 3 * sorted(gaps)[len(gaps) // 2] + 2))
        if gap > limit and not _regular_before(heads[: index + 1], position, limit):
            break
        gaps.append(gap)
        cluster.insert(0, heads[index])
    if len(cluster) < 4:  # three marks recur by chance on some article pages
        return None
    if any(n > cluster[-1] and n not in furniture for n in text):
        return cluster[0]
    # Furniture after each comment: step back over the first comment. (Blank-line runs are no guide: the
    # corpus' removed separator leaves one at every true thread start, which no real page has.)
    gaps = [position[b] - position[a] - 1 for a, b in zip(cluster, cluster[1:])]
    back = max(1, sorted(gaps)[len(gaps) // 2])
    start = position[cluster[0]]
    while back and start > 0 and cluster[0] - text[start - 1] < 40:
        start -= 1
        back -= 1
    return text[start]


def _regular_before(heads: list[int], position: dict[int, int], limit: int) -> bool:
    """Do the last three of `heads` recur within `limit` lines of each other?"""
    last = heads[-3:]
    return len(last) == 3 and all(position[b] - position[a] <= limit for a, b in zip(last, last[1:]))


def find_thread(page: Page, model=None) -> Thread | None:
    """Where the reader thread is, or None when the page has none.

    The learned thread-start model (thread_model.py) picks the first line of the thread, or says there
    is none; a page it finds none on still has a thread after an explicit header such as "16 Comments", or
    where a run of four or more author/date lines recurs at a comment's rhythm.
    """
    from .thread_model import load_model

    lines = page.lines
    numbers = [n for n, line in enumerate(lines, 1) if line.strip()]
    pick = (model or load_model()).best_line([lines[n - 1].strip() for n in numbers])
    start = numbers[pick[0]] if pick else None
    header = _header_start(lines)
    # An explicit header before the pick opens the thread, unless it is among the first two lines (a title bar),
    # or a count above the article ("8 comments" under the title, then paragraphs, then the model's pick).
    title_bar = numbers[min(1, len(numbers) - 1)]
    article_count = (header is not None and start is not None
                     and header - 1 <= numbers[min(TOP_HEADER_LINES, len(numbers)) - 1]
                     and sum(len(lines[n - 1].split()) > 20 for n in numbers if header <= n < start) >= 2)
    # (A pick on the header line itself also moves below it: the header is not a comment.)
    if header is not None and header - 1 > title_bar and not article_count and (start is None or header - 1 <= start):
        start = header
    furniture = furniture_lines(lines)
    if start is None:
        start = furniture_cluster_start(lines, furniture)
    if start is None:
        # Two "Name says:" lines are a thread even where the model is unsure (short pages).
        authors = [n for n in numbers if SAYS.match(lines[n - 1].strip()) or ON_DATE_SAID.match(lines[n - 1].strip())]
        if len(authors) < 2:
            return None
        start = authors[0]
    end = len(lines)
    for number in range(start, len(lines) + 1):
        if END_MARKER.match(stripped_line(lines, number)):
            end = number - 1
            break
    while end >= start and not lines[end - 1].strip():
        end -= 1
    while start <= end and not lines[start - 1].strip():
        start += 1
    if start > end:
        return None
    return Thread(start, end, furniture)
