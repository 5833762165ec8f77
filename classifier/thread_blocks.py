"""After the other corrections: move a start that is off by a line or so to the head of the first comment's block.

Where each comment's furniture comes before its text (a header layout), the thread's first comment begins
with the head of its furniture block, and the later blocks show what that head looks like: "1" above
"Alison said:" when "2" stands above the next "Alison said:", a date above the name when every later name
has its date above. A start picked on a lower line of that block climbs to its head; a start picked on one of the
article's last lines, at most three lines above the first block, steps down to it; a start picked on the first comment's
text, just under a block of the thread's signature, climbs to that block. The block reading here (furniture runs,
a block's signature line, which layout a page has) serves thread_trailers.py as well. Looks at non-blank lines only.
"""

from __future__ import annotations

import re

from .thread_rules import signature
from .thread_shapes import KEPT_WORDS, NUMBERED, TOKEN, name_like, template
from .threads import END_MARKER

REACH = 3  # text lines from a pick on the article's last lines down to the first block
CLIMB = 3  # furniture lines above a block's signature line that can belong to its head
CLOSED = re.compile(r"^(?:the )?comments?\b.{0,40}\bclosed\b", re.IGNORECASE)  # "The comments to this entry are closed."


def furniture_run(furniture: list[bool], k: int) -> tuple[int, int]:
    """First and last index of the furniture run holding line `k`."""
    first = last = k
    while first > 0 and furniture[first - 1]:
        first -= 1
    while last + 1 < len(furniture) and furniture[last + 1]:
        last += 1
    return first, last


def _loose_signature(line: str) -> str:
    """signature() of any line, however long: its furniture words and number slots."""
    parts: list[str] = []
    for match in TOKEN.finditer(NUMBERED.sub("", line, count=1)):
        kind, text = match.lastgroup, match.group().lower()
        word = text.strip(".")
        token = ("M" if kind == "month" else "0" if kind == "digits" else
                 ("ap" if word in ("am", "pm") else word if word in KEPT_WORDS else "w") if kind == "word" else text)
        if not (token == "w" and parts and parts[-1] == "w"):
            parts.append(token)
    return " ".join(t for t in parts if t != "w" and re.fullmatch(r"\w+", t))


def _shape(line: str) -> str:
    return template(NUMBERED.sub("", line, count=1)) or "#"


def furniture_signatures(texts: list[str], furniture: list[bool]) -> list[str | None]:
    """Each furniture line's signature (thread_rules.signature), None for text lines."""
    return [signature(text) if flag else None for text, flag in zip(texts, furniture)]


def block_signature(signatures: list[str | None], first: int, last: int) -> tuple[int | None, list[int]]:
    """The signature line of the block first..last that recurs most after it, and its recurrences."""
    best, recurring = None, []
    for k in range(first, last + 1):
        if signatures[k]:
            later = [j for j in range(last + 1, len(signatures)) if signatures[j] == signatures[k]]
            if best is None or len(later) > len(recurring):
                best, recurring = k, later
    return best, recurring


def text_follows(texts: list[str], furniture: list[bool], own: str, later: list[int]) -> bool:
    """Header layout: the thread's last signature block is followed by text (its comment), and the page's last
    line does not carry that signature (a page ending in one has its furniture after each comment)."""
    tail = range(later[-1] + 1, len(texts))
    if all(furniture[k] or END_MARKER.match(texts[k]) or CLOSED.match(texts[k]) for k in tail):
        return False
    last = _loose_signature(texts[-1])
    return (_words(last) != _words(own)) if _words(own) else last != own  # a signature of numbers only: all of it


def _words(shape: str) -> list[str]:
    """A signature's furniture words, its number slots left out ("by 0 on M 0 0" and "by on M 0" agree)."""
    return [token for token in shape.split() if token != "0"]


def _head(texts: list[str], furniture: list[bool], own: int, later: list[int]) -> int:
    """Climb from the signature line `own` while each furniture line above has the shape of the line at the
    same offset above most later signature lines (the "2" above "Ann said:", not the previous comment's date)."""
    head = own
    for up in range(1, CLIMB + 1):
        if own - up < 0 or not furniture[own - up]:
            break
        same = sum(1 for k in later if k >= up and furniture[k - up] and _shape(texts[k - up]) == _shape(texts[own - up]))
        if 2 * same <= len(later):
            break
        head = own - up
    return head


def _recurs_above(texts: list[str], line: int, own: int, later: list[int]) -> bool:
    """Do most later signature lines have a line of `line`'s shape as far above them as `line` is above `own`?"""
    up = own - line
    look = (_shape(texts[line]), name_like(texts[line]))
    alike = sum(1 for k in later if k - up >= 0 and (_shape(texts[k - up]), name_like(texts[k - up])) == look)
    return 2 * alike > len(later)


def block_head_start(texts: list[str], furniture: list[bool], best: int) -> int:
    """The head of the first comment's block for a start `best` on it, a few lines above it or just under it
    (header layout only)."""
    count = len(texts)
    if furniture[best]:
        first, last = furniture_run(furniture, best)
    else:
        below = next((k for k in range(best + 1, min(count, best + 1 + REACH)) if furniture[k]), None)
        if below is None:
            return best
        first, last = furniture_run(furniture, below)
    signatures = furniture_signatures(texts, furniture)
    own, later = block_signature(signatures, first, last)
    # A text pick above a block needs one later block to show the layout, a furniture pick two.
    if own is None or len(later) < (2 if furniture[best] else 1):
        return best
    # A text pick further up is a comment of the thread when the later blocks have a line like it as far above them
    # (a profile's name line that is not furniture: "ann99" over the text, then "557 Fans" and the date).
    if not furniture[best] and not furniture[best + 1] and _recurs_above(texts, best, own, later):
        return best
    if not text_follows(texts, furniture, signatures[own], later):
        return best
    if not furniture[best] and best > 0 and furniture[best - 1]:
        # The pick is comment text under a block: that block, when it carries the thread's signature; under a
        # block of another signature (the article's byline) it is the article's, so it steps down like any other.
        above, _ = block_signature(signatures, *furniture_run(furniture, best - 1))
        if above is None:
            return best
        if signatures[above] == signatures[own]:
            return _head(texts, furniture, above, later)
    head = _head(texts, furniture, own, later)
    # A furniture pick only climbs (stepping down from it loses more starts than it finds), unless it is the
    # article's closing line that merely touches the first block ("Source: AP" over the first comment's date).
    if furniture[best] and head > best and not _article_line_over_block(texts, furniture, best, own, later):
        return best
    return head


def _article_line_over_block(texts: list[str], furniture: list[bool], line: int, own: int, later: list[int]) -> bool:
    """Is furniture `line`, above the signature line `own`, foreign to the thread's blocks: no signature of its own,
    and most later signature lines have no furniture as far above them?"""
    up = own - line
    if signature(texts[line]):
        return False
    return 2 * sum(1 for k in later if k - up >= 0 and furniture[k - up]) < len(later)
