"""A start picked on a comment's bare name line ("CoCreatr") steps back along the thread's trailers.

Some threads put a bare name over each comment and the name again with the date under it ("CoCreatr" ... "CoCreatr
October 29, 2012 at 11:27 PM"), and the first comment often lacks the name line. The name carries no date or
"says", so extend_back cannot tell the comment's rhythm from it; the trailer under it can: every comment of the
thread closes with a trailer of that signature, so the earliest one, a few comments' length up, closes the first
comment (step_before_trailer then moves above it). Without trailers, a one-word screen name over each comment
("datron", "johnbattelle") sets the rhythm itself: the pick steps back along the earlier one-word lines while they
keep the comments' spacing. Looks at non-blank lines only.
"""

from __future__ import annotations

import re
from statistics import median

from .thread_rules import comment_signature, signature

TRAILER_REACH = 8  # lines from a name line down to its comment's trailer
STEP = 3  # the step back along the trailers: at most this many times their usual spacing
SCREEN_NAME = re.compile(r"^[\w.@-]{3,30}$")  # one word, no sentence mark: "datron", "john.b"
NAME_STEP = 2  # the step back along one-word name lines: at most this many times their usual spacing after the pick


def back_along_trailers(texts: list[str], furniture: list[bool], best: int) -> int:
    """The thread's first trailer of the signature that closes the comment under a name-line pick `best`."""
    if not furniture[best]:
        return best
    signatures = [comment_signature(text) if furniture[i] else None for i, text in enumerate(texts)]
    below = best
    while below < len(texts) and furniture[below]:
        if signatures[below]:
            return best  # the pick's own block dates it: extend_back's case
        below += 1
    trailer = next((k for k in range(below, min(len(texts), below + TRAILER_REACH)) if signatures[k]), None)
    if trailer is None:
        return best
    alike = [k for k, own in enumerate(signatures) if own == signatures[trailer]]
    if alike.index(trailer) == 0 or len(alike) < 3:
        return best
    window = max(4, int(STEP * median(b - a for a, b in zip(alike, alike[1:]))))
    first = trailer
    for earlier in reversed(alike[:alike.index(trailer)]):
        if first - earlier > window:
            break
        first = earlier
    return best if first == trailer else first


def back_along_screen_names(texts: list[str], furniture: list[bool], best: int) -> int:
    """The first of the one-word name lines, at the comments' spacing, above a pick `best` on one of them."""
    if not furniture[best] or not SCREEN_NAME.match(texts[best]) or signature(texts[best]):
        return best
    names = [k for k, text in enumerate(texts) if SCREEN_NAME.match(text) and not text[0].isdigit()]
    after = [k for k in names if k >= best]
    if len(after) < 3:
        return best
    window = max(3, int(NAME_STEP * median(b - a for a, b in zip(after, after[1:]))))
    first = best
    for earlier in reversed([k for k in names if k < best]):
        if first - earlier > window:
            break
        first = earlier
    return first
