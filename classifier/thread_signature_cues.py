"""Thread-start cues from the page's last furniture signature: the reader thread runs on to the page's end.

Every comment of a thread carries furniture of one signature (thread_rules.signature: "M 0 0 at 0 0 ap"
for "Ann October 3, 2012 at 8:02 pm"), and the thread ends the page, so the last signed furniture line
names the thread's signature. Where that signature first occurs is where the thread begins; furniture of
other signatures before it (an article's dated list, a recipe's "by" credits, trackbacks' "Tracked on ...")
belongs to the article, however much of it there is. The line features count all furniture before a line
alike, which pushes the pick up into such lists; these cues tell the two kinds apart. Only the picker weighs
them: they place the start, while whether a page has a thread stays the ranker's and detector's call (given
to those, they found threads in C4 documents that end in two dated lines). Blank-blind like every
thread feature: `texts` and `rows` are the page's non-blank lines.
"""

from __future__ import annotations

import math
from collections import Counter

from .thread_rules import LOOK_ALONG, signature

CUES = ("last_sig_head", "last_sig_head_log", "last_sig_text", "last_sig_text_log", "last_sig_before_log",
        "last_sig_after_log", "foreign_sig_block", "foreign_furniture_before_log")


def is_signature_cue(name: str) -> bool:
    """One of these cues or its "fa_" copy (the ranker and detector leave them to the picker)."""
    return name.removeprefix("fa_") in CUES


def _block_signatures(furniture: list[bool], signatures: list[str | None]) -> list[str | None]:
    """Each furniture block head's signature: the first signed line of its block, at most LOOK_ALONG lines down."""
    found: list[str | None] = [None] * len(furniture)
    for i, is_furniture in enumerate(furniture):
        if is_furniture and (i == 0 or not furniture[i - 1]):
            k = i
            while k < len(furniture) and furniture[k] and k <= i + LOOK_ALONG:
                if signatures[k]:
                    found[i] = signatures[k]
                    break
                k += 1
    return found


def _first_starts(furniture: list[bool], signatures: list[str | None], last: str) -> tuple[int, int | None]:
    """The head of the block where `last` first occurs, and, when text comes right above that line (furniture
    follows each comment), the first line of that text (None otherwise)."""
    first = signatures.index(last)
    head = first
    while head > 0 and furniture[head - 1] and first - head < LOOK_ALONG:
        head -= 1
    if head != first or first == 0 or furniture[first - 1]:
        return head, None
    text = first
    while text > 0 and not furniture[text - 1]:
        text -= 1
    return head, text


def add_signature_cues(texts: list[str], furniture: list[bool], ends_in_furniture: bool,
                       rows: list[dict[str, float]]) -> None:
    """Add the last-signature cues to each row, with "fa_" copies on pages that end in furniture."""
    count = len(texts)
    signatures = [signature(t) if f else None for t, f in zip(texts, furniture)]
    signed = [i for i in range(count) if signatures[i]]
    last = signatures[signed[-1]] if signed else None
    total = Counter(s for s in signatures if s)[last] if last else 0
    recurs = total >= 2
    head, text = _first_starts(furniture, signatures, last) if recurs else (None, None)
    blocks = _block_signatures(furniture, signatures)
    in_last_block = [False] * count  # furniture lines of the blocks that carry the last signature
    i = 0
    while i < count:
        if not furniture[i]:
            i += 1
            continue
        end = i
        while end < count and furniture[end]:
            end += 1
        carries = last is not None and last in signatures[i:end]
        in_last_block[i:end] = [carries] * (end - i)
        i = end
    seen = foreign = 0
    strength = math.log1p(total) / 3
    for i, row in enumerate(rows):
        cues = {
            "last_sig_head": float(i == head),
            "last_sig_head_log": strength if i == head else 0.0,
            "last_sig_text": float(i == text),
            "last_sig_text_log": strength if i == text else 0.0,
            "last_sig_before_log": math.log1p(seen) / 3 if recurs else 0.0,
            "last_sig_after_log": math.log1p(total - seen) / 3 if recurs else 0.0,
            "foreign_sig_block": float(recurs and blocks[i] is not None and blocks[i] != last),
            "foreign_furniture_before_log": math.log1p(foreign) / 4,
        }
        row.update(cues)
        row.update(("fa_" + name, value if ends_in_furniture else 0.0) for name, value in cues.items())
        seen += last is not None and signatures[i] == last
        foreign += furniture[i] and not in_last_block[i]
