"""Where furniture follows each comment (a trailer layout, told by the page's last line): a start on comment
text between two trailers steps above the upper one, a start on the first trailer moves to the comment text above it,
and a start a few lines off a multi-line first comment moves to the line after the article's postscript
("p.s. ...", "Disclosure: ..."). Looks at non-blank lines only; runs after thread_blocks.block_head_start."""

from __future__ import annotations

import re

from .thread_blocks import block_signature, furniture_run, furniture_signatures, text_follows

# An article's closing lines: a postscript, a disclosure, a note, a credit ("p.s. ...", "Disclosure: ...", "via: X").
POSTSCRIPT = re.compile(r"^[(\[]?\s*(?:p\.\s?s\b|ps\b|disclosures?\b|note\b|update\b|via\b|source\b|images? via\b|photos?\b|h/t\b)",
                        re.IGNORECASE)
POSTSCRIPT_REACH = 4  # text lines above a pick searched for the article's postscript


def above_first_trailer(texts: list[str], furniture: list[bool], best: int) -> int:
    """The text line above `best` when `best` heads the first of the blocks that follow each comment.

    Where each later block opens with the thread's signature line ("Posted by: Ann | date" above the next
    comment's "Bo Li"), the signature ends a comment, so a start on the first such block belongs above it.
    """
    if not furniture[best] or best == 0 or furniture[best - 1]:
        return best
    first, last = furniture_run(furniture, best)
    signatures = furniture_signatures(texts, furniture)
    own, later = block_signature(signatures, first, last)
    if own is None or len(later) < 2 or text_follows(texts, furniture, signatures[own], later):
        return best
    leading = sum(1 for k in later if furniture_run(furniture, k)[0] == k < furniture_run(furniture, k)[1])
    return best - 1 if 2 * leading > len(later) else best


def above_earlier_trailer(texts: list[str], furniture: list[bool], best: int) -> int:
    """The comment above the trailer over `best`, when `best` is comment text between two trailers of one signature.

    Where furniture follows each comment, a text pick with the thread's trailer both above and below it is the
    second comment (or a later one): the first one ends right above the upper trailer.
    """
    count = len(texts)
    if furniture[best] or best == 0 or best + 1 >= count or not furniture[best - 1] or not furniture[best + 1]:
        return best
    signatures = furniture_signatures(texts, furniture)
    own, later = block_signature(signatures, *furniture_run(furniture, best + 1))
    if own is None or not later or text_follows(texts, furniture, signatures[own], later):
        return best
    top, bottom = furniture_run(furniture, best - 1)
    if top == 0 or furniture[top - 1] or signatures[own] not in signatures[top:bottom + 1]:
        return best
    return top - 1


def after_postscript_start(texts: list[str], furniture: list[bool], best: int) -> int:
    """The line after the article's postscript, for a start a few lines off the first comment of a trailer layout.

    Where furniture follows each comment, a start picked on the first comment's last line (or on the first
    trailer) is late when that comment runs over several lines, and one picked on the article's last lines is
    early. The article's own closing line ("p.s. ...", "Disclosure: ...", "Images via ...") just above the first
    comment tells where it begins; without one the start stays.
    """
    count = len(texts)
    if furniture[best]:
        if best == 0 or furniture[best - 1]:
            return best
        trailer = best
    else:
        trailer = next((k for k in range(best + 1, min(count, best + 1 + POSTSCRIPT_REACH)) if furniture[k]), None)
        if trailer is None:
            return best
    signatures = furniture_signatures(texts, furniture)
    own, later = block_signature(signatures, *furniture_run(furniture, trailer))
    if own is None or not later or text_follows(texts, furniture, signatures[own], later):
        return best
    # A furniture line that is not the block's signature (a name, a mis-read first line) may open the comment.
    last = trailer if trailer < own and signatures[trailer] is None else trailer - 1
    after = line_after_postscript(texts, furniture, range(last - 1, max(-1, min(best, trailer - 1) - POSTSCRIPT_REACH - 1), -1))
    return best if after is None else after


def line_after_postscript(texts: list[str], furniture: list[bool], lines) -> int | None:
    """The line after the first postscript among `lines` (in their order), met before any furniture line."""
    for line in lines:
        if furniture[line]:
            return None
        if POSTSCRIPT.match(texts[line]):
            return line + 1
    return None
