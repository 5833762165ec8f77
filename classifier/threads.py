"""Where a page's reader thread is, and which of its lines are page furniture (author, date, Reply)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pages import Page

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# A name may be glued to its date ("NameOctober 29, 2012", "Tamsin26 October 2012"): a month may follow
# a lower-case letter, a day any letter.
GLUED = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"
# An age rather than a date: "37 minutes ago", "4 seconds ago".
AGE = r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
DATE = re.compile(
    rf"{GLUED}{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|(?<![\d.:/])\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{MONTH},?\s+\d{{4}}"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\b|" + AGE,
    re.I,
)
SAYS = re.compile(r"^(?P<author>.{1,60}?)\s+(?:says|said|wrote|writes)\s*(?::|\.\.\.|…)?\s*$", re.I)
POSTED_BY = re.compile(r"^(?:posted|written|submitted|comment(?:ed)?)\s+by:?\s*(?P<author>[^|@]+?)(?:\s+(?:at|on|\|)\s+|\s*\||$)", re.I)
# Slashdot-style "by name (12345)" or "by name on <date>" under or over a comment.
BY_AUTHOR = re.compile(r"^by\s+(?P<author>[^()]{1,40}?)\s*(?:\(\d+\)|\s+on\s+.{4,80})(?:\s.*)?$", re.I)
ON_DATE_SAID = re.compile(rf"^on\s+.*?{MONTH}.*?\d{{4}}.*?,\s*(?P<author>.+?)\s+(?:said|says|wrote)\b", re.I)
ACTIONS = re.compile(
    r"^(?:reply|reply\s*↓|↓|report(?: abuse| comment)?|permalink|quote|flag|like|unlike|share|"
    r"log in to reply|reply to this comment|\d+\s+(?:likes?|votes?|points?)|recommend|edit)\s*$",
    re.I,
)
# Lines a comment system adds around a comment: "Ann recently posted..Her post", "| Reply", "Like (3)",
# "Vote up", "12 Fans", "Report Abuse | Reply", "In reply to Ann".
ANNOTATION = re.compile(
    r"^.{1,80}\srecently posted\s*(?:\.\.|…|:)|^(?:\|\s*)?(?:reply|report(?: abuse)?|like|vote(?: up| down)?|flag)"
    r"(?:\s*\(\d+\))?(?:\s*\|\s*(?:reply|report(?: abuse)?|like|share|permalink|quote|flag|link))*\s*$"
    r"|^[\d,.]+k?\s+(?:fans|followers|likes?|votes?|points?|replies|comments?)\s*$|^in reply to\s+\S.{0,40}$"
    # An avatar's alt text ("Ann's picture"), a comment system's badge ("This comment has been well-received!"),
    # hidden replies ("2 replies beneath your current threshold."), a closed thread's notice.
    r"|^(?:.{1,60}['’]s\s+)?(?:picture|avatar|photo|profile (?:picture|photo|image)|gravatar|user ?pic)$"
    r"|^this (?:comment|user) has (?:been|sparked|chosen|received)\b.{0,80}$|^\d+\s+(?:repl(?:y|ies)|comments?)\s+(?:beneath|below)\s+your\s.{0,40}$"
    r"|^(?:re:|replies)\s*$|^rate this:?\s.{0,60}$"  # an empty reply title, a replies fold, a rating widget
    r"|^(?:total\s+)?(?:comments|posts|points|karma)\s*(?::\s*[\d,]+|\([\d,]+\))$"  # a commenter's tally: "Total Comments (920)"
    r"|^(?:the\s+)?comments?\s+(?:to|on|for)\s+this\s+(?:entry|article|post|story|page)\s+(?:are|is)\s+(?:now\s+)?closed\.?$",
    re.I,
)
# Author lines too long or loose for SAYS / POSTED_BY / BY_AUTHOR (which the thread-start model shares, so they stay
# as they are): "Ann said,", "ann-lee added:", a trackback's "Post title « Blog says:", "by Post Title, Nov 29 on November 29, 2010 at 10:10 pm.",
# "Posted by: Ann - CMO @ Firm | October 30, 2012 at 09:45 AM".
LONG_SAYS = re.compile(r"^(?P<author>.{1,150}?)\s+(?:says|wrote|writes)\s*:\s*$", re.I)
NAME_SAID = re.compile(r"^(?!.*\b(?:if|the|he|she|they|it|and|but|then|when|who|someone|you|i|we|as|so)\s)"
                       r"(?P<author>\S+(?:\s+\S+){0,3}?)\s+(?:said|says|added|commented|replied|wrote)\s*[:,]\s*$", re.I)
BYLINE = re.compile(r"^(?:(?:posted|written|submitted|comment(?:ed)?)\s+)?by:?\s+(?P<author>.{1,150}?)\s*(?:\s(?:on|at)\s|\|)", re.I)
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


BARE_LINK = re.compile(r"(?:https?://|www\.)\S+$", re.I)  # a line that is only a link (use with .match)


def stripped_line(lines, number):
    return lines[number - 1].strip() if 1 <= number <= len(lines) else ""


def _is_dated_line(line: str) -> bool:
    return bool(DATE.search(line)) and len(line.split()) <= 14


def neighbour_line(lines, number, step):
    """The nearest non-blank line number before (step -1) or after (+1) `number`."""
    number += step
    while 1 <= number <= len(lines) and not lines[number - 1].strip():
        number += step
    return number if 1 <= number <= len(lines) else None


def is_author_line(line: str) -> bool:
    return bool(SAYS.match(line) or POSTED_BY.match(line) or ON_DATE_SAID.match(line) or BY_AUTHOR.match(line))


def author_match(line: str) -> re.Match | None:
    """The match whose `author` group names the author of an author line, if it is one."""
    return (ON_DATE_SAID.match(line) or POSTED_BY.match(line) or SAYS.match(line) or BY_AUTHOR.match(line)
            or LONG_SAYS.match(line) or NAME_SAID.match(line) or (is_long_author_line(line) and BYLINE.match(line)) or None)


def is_long_author_line(line: str) -> bool:
    """A long author line: "Title « Blog says:", or "by/Posted by ..." ending in its date."""
    if LONG_SAYS.match(line) or NAME_SAID.match(line):
        return True
    dates = list(DATE.finditer(line)) if BYLINE.match(line) else []
    return bool(dates) and len(line[dates[-1].end():].split()) <= 4  # "... 9:38 AM EDT via Android app"


@dataclass(frozen=True)
class Thread:
    start: int
    end: int
    furniture: frozenset[int]  # every furniture line of the page, found once

    @property
    def has_furniture(self) -> bool:
        return sum(self.start <= n <= self.end for n in self.furniture) >= 2


def furniture_lines(lines) -> frozenset[int]:
    """Numbers of the page's author, date and action lines, and of the bare names heading (or trailing) its dates."""
    own = {n for n in range(1, len(lines) + 1) if _is_own_furniture(stripped_line(lines, n))}
    return frozenset(own | _date_names(lines, own))


def _is_own_furniture(line: str) -> bool:
    """Furniture by its own text alone, whatever its neighbours."""
    if not line or len(line) > 160:
        return False
    if BARE_LINK.match(line):
        return False  # a link, even one whose path holds a date ("/2012/02/08/")
    return bool(is_author_line(line) or ACTIONS.match(line) or _is_dated_line(line) or is_long_author_line(line)
                or ANNOTATION.match(line))


def _is_bare_name(line: str) -> bool:
    """Short enough to be a bare name: not a salutation ("Davey,"), a sentence or a URL."""
    return (0 < len(line.split()) <= 4 and line[-1] not in ".?!,:;"
            and not re.match(r"(?:https?://|www\.)", line, re.I))


def _date_names(lines, own: set[int]) -> set[int]:
    """Bare names beside date-only lines ("Eva" above "September 29, 2012"), on the page's name side only.

    A page puts its names on one side of its dates. Each date line votes for the side holding a bare name
    or an author line ("Ann says:"); a short comment on the other side ("Cute baby" under "Ann says:" /
    "November 8, 2012") is then text, not a name. Ties go to the side above, where names usually sit.
    """
    dates = [n for n in range(1, len(lines) + 1) if n in own and is_date_only(stripped_line(lines, n))]
    candidates = {-1: {}, 1: {}}
    votes = {-1: 0, 1: 0}
    for date in dates:
        for step in (-1, 1):
            other = neighbour_line(lines, date, step)
            if other is None:
                continue
            line = stripped_line(lines, other)
            if other not in own and _is_bare_name(line):
                candidates[step][date] = other
                votes[step] += 1
            elif other in own and author_match(line):
                votes[step] += 1
    side = -1 if votes[-1] >= votes[1] else 1
    return set(candidates[side].values())


def is_date_only(line: str) -> bool:
    """A line that only dates a comment: "October 30, 2012 at 08:58 AM", "Posted on 12/10/2012 | 3:04"."""
    if not DATE.search(line) or len(line) > 80:
        return False
    rest = re.sub(r"\b(?:at|on|posted|published|updated|edited|said|am|pm|gmt|utc|[ap]\.m\.)\b|[^\w]", " ", DATE.sub(" ", line), flags=re.I)
    return not rest.strip()


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
