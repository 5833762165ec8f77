"""Comment header lines that the furniture regexes of furniture.py miss, read as furniture by the boundary model:
bylines with spaced or starred user numbers, reply headers, and comment titles carrying a moderation score."""

from __future__ import annotations

import re

# A byline with the poster's user number, its digits sometimes split by spaces ("by Ann (12 345)"), perhaps
# starred ("by Ann (37) *"), or an anonymous poster's byline.
SPACED_BYLINE = re.compile(r"by\s+(?:[^()]{1,40}?\s*\(\s*\d[\d ]*\)(?:\s*\*)?(?:\s+on\s.*)?|anonymous(?: coward)?)$", re.IGNORECASE)
# A reply's header: who answers whom, and when ("Ann replied to comment from Bob | November 9, 2012 1:17 PM |").
REPLY_HEADER = re.compile(r"\S.{0,60}\b(?:replied to|in reply to)\b.{0,60}(?:\b(?:19|20)\d\d\b|\d:\d\d).{0,20}(?<![.!?])$", re.IGNORECASE)
# A comment's title with the score readers gave it ("Re:Nice try (Score:5, Insightful)"): the score is the
# site's, so the title line is a header, not comment text (a bare "(2)" may end a sentence and is left alone).
SCORED_TITLE = re.compile(r"\(Score[: ]\s*-?\d(?:,\s*\w+)?\)$")


def is_byline(line: str) -> bool:
    """Whether a stripped line names a comment's poster in one of the forms furniture.py misses."""
    return bool(SPACED_BYLINE.match(line) or REPLY_HEADER.match(line))


def is_scored_title(line: str) -> bool:
    """Whether a stripped line is a comment title carrying its moderation score."""
    return bool(SCORED_TITLE.search(line))
