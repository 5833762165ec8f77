"""After the model picks a thread start: step back to an earlier comment whose furniture has the same shape.

The ranker often picks the second comment when only it stands out ("2 Ann Lee October 3, 2012" under an
unnumbered "Bo Li October 3, 2012", or "Jen@Blog ..." before a plain "Alison ..."). Every comment of a
thread carries the same date and furniture words, so an earlier line with that signature, a comment's
length or so before the pick, is the thread's real first comment. Like the features, this looks at
non-blank lines only.
"""

from __future__ import annotations

import re
from statistics import median

from .furniture import AGE, BARE_LINK
from .thread_shapes import NUMBERED, is_marker, template

SIGNATURE_WORDS = frozenset(("M", "0", "says", "said", "wrote", "writes"))
AGES = re.compile(AGE, re.I)  # each comment of a thread counts its age in its own unit
LOOK_ALONG = 2  # lines below the pick searched for its block's signature line (a name above its date)


def signature(line: str) -> str | None:
    """The furniture words and number slots of an author/date line, names and marks dropped.

    "mary @ Blog October 28, 2012 at 8:02 pm" and "2 Alison October 28, 2012 at 8:03 pm" both give
    "M 0 0 at 0 0 ap"; a line that is not furniture, or carries no date or "says", has none.
    """
    return _furniture_words(line) if is_marker(line) else None


def _furniture_words(line: str) -> str | None:
    if BARE_LINK.match(line.strip()):
        return None  # a link's digits ("/2012/08/03/") are a path, not a date
    shape = template(NUMBERED.sub("", line, count=1)) or ""
    tokens = [token for token in shape.split() if token != "w" and re.fullmatch(r"\w+", token)]
    return " ".join(tokens) if SIGNATURE_WORDS.intersection(tokens) else None


def comment_signature(line: str) -> str | None:
    """signature() with what varies from one comment to the next left out: an age's number and unit ("37 minutes
    ago" / "4 seconds ago"), and number slots before the first furniture word (a name glued to its day,
    "Anna (Shop)26 October 2012" / "Petal26 October 2012")."""
    own = _furniture_words(AGES.sub("0 ago", line)) if is_marker(line) else None
    return (own.lstrip("0 ") or own) if own else None


def extend_back(texts: list[str], furniture: list[bool], best: int) -> int:
    """The first comment of the thread whose furniture block starts at `best` (index into `texts`).

    Only a furniture pick moves: its signature must recur after it (so the thread's comment length is
    known), and the step back is at most twice that length, repeated while the signature keeps recurring.
    """
    if not furniture[best]:
        return best
    signatures = [comment_signature(text) if furniture[i] else None for i, text in enumerate(texts)]
    own = best
    while not signatures[own]:  # down the pick's block to its signature line
        own += 1
        if own > best + LOOK_ALONG or own >= len(texts) or not furniture[own]:
            return best
    later = [k for k in range(own, len(texts)) if signatures[k] == signatures[own]]
    if len(later) < 2:
        return best
    window = max(4, int(2 * median(b - a for a, b in zip(later, later[1:]))))
    first = own
    while True:
        earlier = [k for k in range(max(0, first - window), first) if signatures[k] == signatures[own]]
        if not earlier:
            break
        first = earlier[-1]
    if first == own:
        return best
    head = first  # the head of its block: a name line above the date, at most two lines up
    while head > 0 and furniture[head - 1] and first - head < LOOK_ALONG:
        head -= 1
    return head


def step_before_trailer(texts: list[str], furniture: list[bool], best: int) -> int:
    """The text line above `best` when `best` is the first of the trailers that follow each comment.

    Where furniture follows each comment ("October 22, 2012  Eve" or "Posted by: Ann | date" under its
    text), the page ends in a one-line trailer, and a start picked on the first trailer is a line late: the
    first comment's text is above it. Only a pick whose signature equals the page's last line moves.
    """
    last = len(texts) - 1
    if best <= 0 or best >= last or not furniture[best] or furniture[best - 1]:
        return best
    if not furniture[last] or furniture[last - 1]:
        return best
    own = signature(texts[best])
    return best - 1 if own is not None and own == signature(texts[last]) else best


ARTICLE_TRAILER = re.compile(r"^(?:posted|published|written)\b", re.I)  # not a byline, date or caption
CLIMB = 4  # text lines above the first trailer searched for the article's own trailer


def climb_to_article_trailer(texts: list[str], furniture: list[bool], best: int) -> int:
    """The first line of a multi-line first comment whose pick `best` is its last line, just above a trailer.

    Where furniture follows each comment, the article often ends in its own trailer ("Posted by Kathy on
    April 6, 2007", "Posted on ..."); a pick of the text line above the thread's first trailer then climbs to
    the line after that trailer, when it is at most CLIMB text lines up. A pick under other furniture (a
    dateline, a photo caption) stays: the article's text may lie between.
    """
    last = len(texts) - 1
    if best <= 0 or best + 1 >= last or furniture[best] or not furniture[best + 1] or not furniture[last]:
        return best
    own = signature(texts[best + 1])
    if own is None or own != signature(texts[last]):
        return best
    for above in range(best - 1, max(-1, best - 1 - CLIMB), -1):
        if furniture[above]:
            return above + 1 if ARTICLE_TRAILER.match(texts[above]) and signature(texts[above]) else best
    return best


def signature_repeats(texts: list[str], rows: list[dict[str, float]], best: int) -> int:
    """How many furniture lines after the pick's block carry its signature (a thread repeats it per comment)."""
    own, end = None, best
    while end < len(texts) and end <= best + LOOK_ALONG and rows[end]["furniture"] > 0:  # the pick's block
        own = own or signature(texts[end])
        end += 1
    if own is None:
        return 0
    return sum(1 for k in range(end, len(texts)) if rows[k]["furniture"] > 0 and signature(texts[k]) == own)


def corrected_start(texts: list[str], rows: list[dict[str, float]], best: int) -> int:
    """The start find_thread reports for the model's pick `best`, after each correction in turn: this module's
    three, with thread_name_headers' steps back for a pick on a bare name line after extend_back, then
    thread_blocks.block_head_start (header layouts), thread_trailers' three steps (trailer layouts) and
    thread_openings.opening_start (where the article ends and the first comment opens)."""
    # Imported here: thread_blocks and thread_trailers build on this module's signature().
    from .thread_blocks import block_head_start
    from .thread_name_headers import back_along_screen_names, back_along_trailers
    from .thread_openings import opening_start
    from .thread_trailers import above_earlier_trailer, above_first_trailer, after_postscript_start

    furniture = [row["furniture"] > 0 for row in rows]
    start = best
    for correct in (extend_back, back_along_trailers, back_along_screen_names, step_before_trailer,
                    climb_to_article_trailer, block_head_start, above_first_trailer, above_earlier_trailer,
                    after_postscript_start, opening_start):
        start = correct(texts, furniture, start)
    return start
