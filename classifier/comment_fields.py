"""A comment's `author` and `posted` fields, read from the furniture lines around it."""

from __future__ import annotations

import re

from .furniture import ACTIONS, ANNOTATION, DATE, author_match, neighbour_line, stripped_line

# What is left at the end of a name once its date is gone: "Ann  Thursday,", "Ann on", "Ann | at".
DATE_LEFTOVERS = re.compile(r"(?:[\s,|/-]+(?:at|on|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?))+[\s,|/-]*$", re.I)


def author_name(field: str) -> str | None:
    """An author line's name without its date: "Ann  Thursday, November 08, 2012 at 01:34 PM" -> "Ann"."""
    name = DATE_LEFTOVERS.sub("", " " + DATE.sub("", field).strip(" ,/|-"))
    return name.strip(" ,/|-") or None


def author_before_date(line: str) -> str | None:
    """The name a dated line starts with: "NameOctober 29, 2012", "4 Ann Lee said on Jul 23 2012", "Ann | Reply"."""
    date = DATE.search(line)
    if not date:
        return None
    head = line[: date.start()]
    head = re.sub(r"(?:\s*(?:says|said|wrote|writes|posted|replied|responded(?:\s+to\s+.+?)?)\b)?(?:\s+(?:on|at))?[\s|,:@\-–—(]*$",
                  "", head, flags=re.I)
    head = re.sub(r"^(?:#?\d+\.?\s+|by\s+)", "", head.strip(), flags=re.I).strip(" |,-–—")
    return head if head and len(head.split()) <= 6 and not head[0].isdigit() else None


def parse_furniture(lines, furniture: frozenset[int], first: int, last: int) -> tuple[str | None, str | None]:
    """(author, posted) from the furniture right before a comment, else right after it."""
    for number in (neighbour_line(lines, first, -1), neighbour_line(lines, last, 1)):
        author = posted = None
        while number and number in furniture:
            line = stripped_line(lines, number)
            match = author_match(line)
            date = DATE.search(line)
            if match and not author:
                author = author_name(match.group("author"))
            if date and not posted:
                dates = list(DATE.finditer(line))
                posted = line[dates[0].start():dates[-1].end()].strip()
            if not match and date and not author:
                author = author_before_date(line)
            if not match and not date and not ACTIONS.match(line) and not ANNOTATION.match(line) and not author:
                author = line
            number = neighbour_line(lines, number, 1 if number > last else -1)
            if number and (first <= number <= last):
                break
        if author or posted:
            return author, posted
    return None, None

