"""Evidence of a reader thread that no article carries, for pages the thread-start detector is unsure of.

The detector (thread_model.py) weighs the features of one picked line, and a page whose thread is one or
two short comments at its end gives it little to go on. Some furniture settles the question whatever the
pick: a comment dated after the article ("written by Ann, October 18, 2012" under an article of October 17),
a time relative to now ("15 minutes ago") after the article's text, a pingback or trackback, a reader's
screen name heading a comment ("Alain41" over its text; thread_reader_names.py), a reader's score
("Montemalone 44 pts": readers vote on comments, not on the article's furniture), one
author-line format repeated six times or more, or a reader's name over a date and a line or two of text
closing a page below an article. Most tests look at furniture lines (thread_shapes.markers)
below the article's top lines; like every thread feature, they see non-blank lines only.
"""

from __future__ import annotations

import re
from collections import Counter

from .furniture import DATE, MONTH
from .thread_page_cues import RELATIVE, TOP_LINES
from .thread_reader_names import reader_identities
from .thread_rules import signature
from .thread_shapes import PINGBACK, name_like

MONTHS = {name: number for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
NAMED_DATE = re.compile(
    rf"(?P<month>{MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    rf"|(?<![\d.:/])(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<month2>{MONTH}),?\s+(?P<year2>\d{{4}}|\d{{2}})\b",
    re.I,
)
# 2012-10-29, 10/2/12, 07.13.12, 17/10/12: day and month are swapped only when the first cannot be a month.
NUMERIC_DATE = re.compile(r"(?<![\d.:/])(?:(?P<iso>\d{4})[/.-](?P<m>\d{1,2})[/.-](?P<d>\d{1,2})"
                          r"|(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2}))(?![\d/])")
# Dated lines an article adds below itself: corrections, updates, events it announces.
ARTICLE_DATED = re.compile(r"\b(?:updated?|correction|corrected|published|event|deadline)\b", re.I)
DATE_WORDS = re.compile(r"\b(?:at|on|am|pm|posted|by|said|says|wrote|written|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\b"
                        r"|\b\w*\d\w*\b|[^\w\s]|_", re.I)
DATELINE_WORDS = 14  # an article's dateline or byline; a date inside its prose is some other day
MAX_NAME_WORDS = 6  # words left beside a comment's date: its author's name, not a related post's title
REPEATS = 6  # furniture lines of one format: a thread's rhythm (an article's list or live blog has fewer)
BODY_WORDS = 25  # a line this long is the article's text: evidence must come after it
VOTES = re.compile(r"^\S+(?:\s+\S+){0,2}\s+-?\d+\s+pts?\s*$", re.I)  # "Montemalone 44 pts", "xdwyer 5 pts"
DAY_OF_MONTH = re.compile(rf"\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I)  # "November 10th": a date without its year
TIME_WORDS = re.compile(r"\b(?:at|on|posted|am|pm|gmt|utc|[ap]\.m\.|[a-z]{1,2}t|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)\b"
                        r"|[^\w]|\d", re.I)
CLOSING_TEXT = 4  # text lines after a reader's name and date at the page's end: one short comment
ARTICLE_WORDS = 100  # words of article above that name and date


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def calendar_dates(text: str) -> list[tuple[int, int, int]]:
    """The (year, month, day) of each full date in `text`: "October 18, 2012", "7 Aug 12", "10/2/12", "2012-10-29"."""
    found = []
    for match in NAMED_DATE.finditer(text):
        if match["month"]:
            found.append((_year(match["year"]), MONTHS[match["month"][:3].lower()], int(match["day"])))
        else:
            found.append((_year(match["year2"]), MONTHS[match["month2"][:3].lower()], int(match["day2"])))
    for match in NUMERIC_DATE.finditer(text):
        if match["iso"]:
            found.append((int(match["iso"]), int(match["m"]), int(match["d"])))
        else:
            first, second, year = int(match["a"]), int(match["b"]), _year(match["y"])
            found.append((year, second, first) if first > 12 else (year, first, second))
    return [date for date in found if 1 <= date[1] <= 12 and 1 <= date[2] <= 31]


def _dated_after_article(texts: list[str], furniture: list[bool]) -> bool:
    """A furniture line below the top naming someone and a date later than the article's own (a short line at the top)."""
    article = next((d for text in texts[:TOP_LINES] if len(text.split()) <= DATELINE_WORDS for d in calendar_dates(text)), None)
    if article is None:
        return False
    for i in range(TOP_LINES, len(texts)):
        line = texts[i]
        if not furniture[i] or ARTICLE_DATED.search(line) or not any(d > article for d in calendar_dates(line)):
            continue
        name = DATE_WORDS.sub(" ", DATE.sub(" ", NAMED_DATE.sub(" ", line))).split()
        if 0 < len(name) <= MAX_NAME_WORDS:
            return True
    return False


def _date_only(line: str) -> bool:
    """A line that only dates something: "November 10th", "4 Nov 12 at 11:22 pm", "August 9, 2012 at 12:45 pm"."""
    dates = (NAMED_DATE, NUMERIC_DATE, DAY_OF_MONTH, DATE)
    if len(line) > 80 or not any(pattern.search(line) for pattern in dates):
        return False
    for pattern in dates:
        line = pattern.sub(" ", line)
    return not TIME_WORDS.sub(" ", line).strip()


def _closing_comment(texts: list[str], furniture: list[bool]) -> bool:
    """A name over a date, then a few lines of text that end the page, below an article ("Jason" / "November 12th" / text)."""
    count, words = len(texts), 0
    for i in range(count - 2):
        if (words >= ARTICLE_WORDS and count - CLOSING_TEXT - 2 <= i and name_like(texts[i]) and _date_only(texts[i + 1])
                and not any(furniture[i + 3:])):
            return True
        words += len(texts[i].split())
    return False


def thread_evidence(texts: list[str], furniture: list[bool]) -> str | None:
    """What shows the page has a reader thread whatever the detector says, or None."""
    body = next((i for i, text in enumerate(texts) if len(text.split()) > BODY_WORDS), None)
    below = range(body + 1, len(texts)) if body is not None else range(0)
    if any(furniture[i] and RELATIVE.search(texts[i]) for i in below):
        return "a relative date after the article"
    if any(PINGBACK.match(texts[i]) for i in below):
        return "a pingback after the article"
    if any(furniture[i] and VOTES.match(texts[i]) for i in below):
        return "a reader's score after the article"
    identities = reader_identities(texts, furniture)
    if any(identities[i] for i in below):
        return "a reader's screen name heading a comment after the article"
    formats = Counter(signature(text) for text, marked in zip(texts, furniture) if marked)
    formats.pop(None, None)
    if formats and max(formats.values()) >= REPEATS:
        return "an author line repeated"
    if _dated_after_article(texts, furniture):
        return "a comment dated after the article"
    if _closing_comment(texts, furniture):
        return "a reader's name and date closing the page"
    return None
