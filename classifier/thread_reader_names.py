"""Reader identity lines: a commenter's screen name or profile link heading the text of a comment.

A thread whose comments carry no date or "says" line still names each commenter, and some of those names
look like no article heading: a screen name with digits, inner capitals or an underscore ("Alain41",
"DerKrieger", "Ann_W"), or a link to the commenter's site or profile followed by a name
("http://twitter.com/ann Ann Lee", as comment systems export them). An article's own brand names ("WordPress", "IBN7") are part of its text: a name that the page
mentions before it, or the line under it mentions, is not a reader's.

Such a line below the article shows a thread (thread_evidence.py). Where the thread begins is at or above
the first one, which the picker weighs; the ranker and detector leave these cues alone (given to them, they
shifted the detector's threshold onto thread-less pages). Blank-blind like every thread feature: `texts`
are the page's non-blank lines.
"""

from __future__ import annotations

import re

# One token with a digit after a letter, a capital after a small letter, or an underscore inside.
HANDLE = re.compile(r"^(?=.*(?:[a-z][A-Z]|[A-Za-z]\d|[A-Za-z0-9]_[A-Za-z0-9]))[A-Za-z][A-Za-z0-9_.-]{2,24}$")
# A commenter's website or profile, then the name: "http://twitter.com/ann Ann Lee".
PROFILE = re.compile(r"^https?://\S+\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$")
CUES = ("first_reader_identity", "below_first_reader_identity")
TEXT_WORDS = 4  # the line under a name is a comment's text, not another heading or name


def _screen_name(texts: list[str], i: int) -> bool:
    """A handle that neither the page above it nor the line under it mentions (so not the article's subject)."""
    line = texts[i]
    if not HANDLE.match(line):
        return False
    name = line.rstrip(".").lower()
    return not any(name in other.lower() for other in texts[: i + 2] if other != line)


def reader_identities(texts: list[str], furniture: list[bool]) -> list[bool]:
    """For each line: is it a reader's screen name or profile link over a comment's date or a line of its text?"""
    return [i + 1 < len(texts) and (furniture[i + 1] or len(texts[i + 1].split()) >= TEXT_WORDS)
            and (bool(PROFILE.match(line)) or _screen_name(texts, i))
            for i, line in enumerate(texts)]


def add_reader_name_cues(texts: list[str], furniture: list[bool], rows: list[dict[str, float]]) -> None:
    """Mark the page's first reader identity line and the lines below it (the thread began by then)."""
    identities = reader_identities(texts, furniture)
    first = identities.index(True) if any(identities) else None
    for i, row in enumerate(rows):
        row["first_reader_identity"] = float(i == first)
        row["below_first_reader_identity"] = float(first is not None and i > first)


def is_reader_name_cue(name: str) -> bool:
    """One of these cues: only the picker weighs them (thread_evidence.py decides what they show about detection)."""
    return name in CUES
