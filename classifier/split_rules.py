"""The hand-written splitting rules (section 1 of LABELING.md): furniture lines as boundaries where a thread has
them, text cues (salutations, signatures, quotes, links, a new voice) where it has none. The boundary model
reads their verdicts as features; threads without blank lines (seed 000) are split by them alone."""

from __future__ import annotations

import re

from .pages import Page
from .threads import Thread

URL_ONLY = re.compile(r"^(?:<)?(?:https?://|www\.)\S+$", re.I)
QUOTE_OPEN = "\"“”„«>'‘"
CONNECTIVE = re.compile(
    r"^(?:after all|same|besides|they|this|these|those|it|that|also|but|and|so|or|plus|anyway|still|"
    r"however|then|he|she|his|her|p\.?s\.?|otherwise|moreover|furthermore|in addition|which)\b",
    re.I,
)
PERSONAL = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|My|you|You|your|Your|we|We|our|Our)\b")
INTERJECTION = re.compile(r"^(?:wow|lol|ha+|oh|ah|hey|hi|hello|yes|no|great|love|nice|amen|ok|omg)\b", re.I)
VOCATIVE = re.compile(r"^@\S+|^[A-Z][\w.\-/]*(?: [A-Z][\w.\-]*)?,\s+\S")
INTRODUCES_LINK = re.compile(r"^(?:here['’]?s|here is|see|check out|read|via|source)\b", re.I)


def is_url_only(line: str) -> bool:
    return bool(URL_ONLY.match(line))


def is_salutation(line: str) -> bool:
    """A line that only names the person addressed: "Neo", "Bill/DJ", "Hamidreza,", "@Kent"."""
    words = line.split()
    return (
        0 < len(words) <= 2
        and len(line) <= 30
        and (line[0].isupper() or line[0] == "@")
        and line[-1] not in ".?!:;\"”"
        and not is_url_only(line)
    )


def is_signature(line: str) -> bool:
    """A closing name: "Mcgruder.", "-- Tom", "~Ann"."""
    words = line.split()
    if not 0 < len(words) <= 3 or len(line) > 30:
        return False
    if line[0] in "-~—–":
        return True
    return len(words) <= 2 and line.endswith(".") and all(w[0].isupper() for w in words)


def is_title_like(line: str) -> bool:
    """A headline: a few capitalised words with no closing punctuation (a trackback's title)."""
    words = re.findall(r"[A-Za-z][\w'’.-]*", line)
    if not 3 <= len(words) <= 16 or line[-1] in ".?!:,;\"”)" or is_url_only(line):
        return False
    capitalised = sum(w[0].isupper() or w.lower() in {"a", "an", "the", "of", "in", "on", "to", "and", "for", "at"} for w in words)
    return capitalised >= 0.8 * len(words)


def is_quote(line: str) -> bool:
    return line[0] in QUOTE_OPEN and (line[-1] in "\"”“'’" or line[0] == ">")


def starts_lowercase(line: str) -> bool:
    first = next((ch for ch in line if ch.isalpha()), "")
    return first.islower() and not is_url_only(line)


def continues(previous: str, line: str) -> bool | None:
    """True: `line` must continue the comment; False: it must start a new one; None: no rule decides."""
    if is_signature(previous):
        return False
    if (
        is_salutation(previous)
        or previous.endswith(":")
        or is_title_like(previous)
        or is_quote(previous)
        or (is_url_only(previous) and not is_url_only(line))
        or (is_url_only(line) and INTRODUCES_LINK.match(previous))
        or previous.lower() in {"/snip", "[snip]", "snip"}
        or line.lower() in {"/snip", "[snip]", "snip"}
        or (starts_lowercase(line) and not INTERJECTION.match(line))
        or is_signature(line)
    ):
        return True
    return None


def opening_score(line: str) -> int:
    """How much `line` looks like the first line of a new comment rather than a further paragraph."""
    score = 0
    if is_salutation(line) or VOCATIVE.match(line) or is_url_only(line) or (is_quote(line) and line[0] != ">"):
        score += 2
    if is_title_like(line):
        score += 1
    if PERSONAL.search(line) or INTERJECTION.match(line):
        score += 1
    if CONNECTIVE.match(line):
        score -= 2
    return score


def split_plain(lines: list[tuple[int, str]]) -> list[list[int]]:
    """Comments of a thread without furniture: where each line starts a comment or continues one."""
    groups: list[list[int]] = []
    previous = None
    for number, line in lines:
        rule = None if previous is None else continues(previous, line)
        starts = previous is None or rule is False or (rule is None and opening_score(line) > 0)
        if starts:
            groups.append([number])
        else:
            groups[-1].append(number)
        previous = line
    return groups


def split_by_furniture(page: Page, start: int, end: int, furniture: frozenset[int]) -> list[list[int]]:
    """Comments of a thread with author/date lines: the text between two furniture lines."""
    groups: list[list[int]] = []
    current: list[int] = []
    for number in range(start, end + 1):
        line = page.lines[number - 1].strip()
        if not line:
            continue
        if number in furniture:
            if current:
                groups.append(current)
            current = []
        else:
            current.append(number)
    if current:
        groups.append(current)
    return groups


def rule_groups(page: Page, thread: Thread) -> list[list[int]]:
    """The comments of a thread as lists of line numbers, by the hand-written rules."""
    if thread.has_furniture:
        return split_by_furniture(page, thread.start, thread.end, thread.furniture)
    lines = [(n, page.lines[n - 1].strip()) for n in range(thread.start, thread.end + 1) if page.lines[n - 1].strip()]
    return split_plain(lines)
