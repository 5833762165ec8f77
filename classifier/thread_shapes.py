"""What a short line looks like: its shape template, and whether it reads as comment furniture.

Thread-start features (thread_features.py) and the post-pick corrections (thread_rules.py) both ask
these questions of the page's non-blank lines.
"""

from __future__ import annotations

import re
from collections import Counter

from .furniture import ACTIONS, DATE, MONTH, is_author_line, is_dated_line
from .threads import HEADER

PINGBACK = re.compile(r"^(?:pingback|trackback)\b", re.I)  # "Pingback: Post title | Blog"

# Words that belong to furniture formats; every other word is a slot ("w") in a line's template.
KEPT_WORDS = frozenset(
    "says said wrote writes say at on by posted pm am ago reply pts points comments comment responses "
    "replies minutes hours days weeks months years minute hour day week month year added from via".split()
)
TOKEN = re.compile(rf"(?P<month>\b{MONTH}(?![a-z]))|(?P<digits>\d+)|(?P<word>[^\W\d_][\w'’.-]*)|(?P<mark>[^\w\s])", re.I)


def template(line: str) -> str | None:
    """The shape of a short line: slots for names and numbers, furniture words and marks kept.

    "Rosa says:" and "Jean Smith says:" share "w says:"; lines of more than 12 words have none.
    """
    words = line.split()
    if not words or len(words) > 12:
        return None
    parts: list[str] = []
    for match in TOKEN.finditer(line):
        kind = match.lastgroup
        text = match.group().lower()
        if kind == "month":
            token = "M"
        elif kind == "digits":
            token = "0"
        elif kind == "word":
            word = text.strip(".")
            token = "ap" if word in ("am", "pm") else word if word in KEPT_WORDS else "w"
        else:
            token = text
        if not (token == "w" and parts and parts[-1] == "w"):
            parts.append(token)
    return " ".join(parts)


def is_header(line: str) -> bool:
    return bool(line and len(line) <= 160 and HEADER.match(line) and not line.lower().startswith(("no ", "0 ")))


# Author lines the splitter's own patterns leave out: "Paula said," "xdwyer 5 pts", "Pingback: ...".
MORE_AUTHORS = re.compile(
    r"^(?:\(?#?\d+\)?\.?\s+)?[^\s,][^,]{0,50}?\s+(?:said|says|wrote|writes)\s*,\s*$"
    r"|^\S+(?:\s+\S+){0,3}\s+-?\d+\s+(?:pts?|points?)\s*$|^(?:pingback|trackback)\b",
    re.I,
)
NUMBERED = re.compile(r"^(?:\(\d{1,4}\)|#\d{1,4}|\d{1,4}\.?)\s+(?=\S)")


def is_marker(line: str) -> bool:
    """Comment furniture: an author, date or action line (the same tests as furniture.furniture_lines, minus the names beside dates)."""
    return len(line) <= 160 and bool(is_author_line(line) or ACTIONS.match(line) or is_dated_line(line)
                                     or MORE_AUTHORS.match(line))


def name_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and line[-1] not in ".?!:;,\"”)" and len(line) <= 40


# Shapes too plain to mark furniture by recurring: name-only lines, and separators with no word or
# number in them ("————", "***"), which divide an article's sections as often as a thread's comments.
TRIVIAL_SHAPE = re.compile(r"^[w .,!?:;'’\"“”()-]*$|^\W*$")


def markers(texts: list[str], templates: list[str | None]) -> list[bool]:
    """Furniture by pattern, a name next to a date, or a short line whose non-trivial shape recurs."""
    count = len(texts)
    marks = [is_marker(t) for t in texts]
    shapes = Counter(t for t in templates if t and not TRIVIAL_SHAPE.match(t))
    names = Counter(t for t in texts if name_like(t) and re.search(r"\w", t))
    return [
        marks[i]
        or (name_like(texts[i]) and any(0 <= k < count and marks[k] and DATE.search(texts[k]) for k in (i - 1, i + 1)))
        or (len(texts[i].split()) <= 8 and bool(templates[i]) and shapes[templates[i]] >= 3)
        or (names[texts[i]] >= 2 and len(texts[i]) >= 3)
        for i in range(count)
    ]


MAX_GAP = 30  # non-blank lines between two marker blocks of one run


def final_run(heads: list[int]) -> tuple[list[int], int]:
    """The last run of regularly recurring marker blocks (a thread marks each comment), and its median gap."""
    if not heads:
        return [], 0
    run = [heads[-1]]
    gaps: list[int] = []
    for head in reversed(heads[:-1]):
        gap = run[0] - head
        limit = MAX_GAP if len(gaps) < 2 else min(MAX_GAP, max(6, 3 * sorted(gaps)[len(gaps) // 2] + 2))
        if gap > limit:
            break
        gaps.append(gap)
        run.insert(0, head)
    return run, (sorted(gaps)[len(gaps) // 2] if gaps else 0)



def first_of_main(shapes: list[str | None], furniture: list[bool]) -> int | None:
    """Where the commonest shape among marker lines first occurs (a thread repeats its author line's shape)."""
    counts = Counter(s for s, f in zip(shapes, furniture) if f and s and not TRIVIAL_SHAPE.match(s))
    if not counts:
        return None
    # The commonest shape; among equals the one that appears last (threads end pages).
    main = max(counts, key=lambda s: (counts[s], max(i for i, x in enumerate(shapes) if x == s)))
    if counts[main] < 2:
        return None
    first = next(i for i, (s, f) in enumerate(zip(shapes, furniture)) if f and s == main)
    while first > 0 and furniture[first - 1]:  # the head of its block ("Eva" above the date)
        first -= 1
    return first
