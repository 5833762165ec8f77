"""Page furniture: the author, date and action lines a comment system puts around each comment."""

from __future__ import annotations

import re

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
BARE_LINK = re.compile(r"(?:https?://|www\.)\S+$", re.I)  # a line that is only a link (use with .match)


def stripped_line(lines, number):
    return lines[number - 1].strip() if 1 <= number <= len(lines) else ""


def is_dated_line(line: str) -> bool:
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
    return bool(is_author_line(line) or ACTIONS.match(line) or is_dated_line(line) or is_long_author_line(line)
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
