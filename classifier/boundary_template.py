"""The page's own comment template, as boundary-model features: whether the lines that sit at the same place
next to the page's furniture blocks (the line just above each author line, the one below...) share one shape.

A site's header lines (a comment's running number, a user name over "186 Fans") vary in text but keep one
shape from comment to comment, while the first and last lines of comment text vary in shape; so a line whose
shape recurs at its slot on most of the page's comments is likely furniture, whatever the site: the model
reads the template from the page itself instead of remembering the sites it was trained on. (Measured by
site-block CV: lines whose shape is rare at their slot are better left without a feature.)

A page may use several templates (a name over a date line for comments, a "says:" line for pingbacks), so the
slots are also read per kind of block, the shape of its first line: one kind's lines need not drown in another's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

NUMBER = re.compile(r"#?\d{1,4}\.?")
# How many text lines before and after a furniture block count as its slots.
REACH = 2
# Slots seen next to fewer blocks than this say nothing about the page's template.
MIN_BLOCKS = 3
# The share of a slot's lines that must share a line's shape for the line to follow the template.
RECURS = 0.8


def line_signature(line: str) -> str:
    """A stripped line's coarse shape: a bare number, or its length in words and its last character's class."""
    if NUMBER.fullmatch(line):
        return "num"
    words = len(line.split())
    size = "s" if words <= 4 else "m" if words <= 9 else "l"
    last = line[-1]
    return size + (last if last in ".?!,:)" else "a" if last.isalnum() else "x")


def template_features(numbers: list[int], text: dict[int, str], furniture: frozenset[int]) -> dict[int, list[str]]:
    """Features of the text lines whose shape recurs at their slot next to the page's furniture blocks, and
    of comment counters.

    `numbers` are the thread's non-blank line numbers in order, `text` their stripped text.
    """
    # (kind of block, or None for all blocks, slot offset) -> line numbers there
    slots: dict[tuple, list[int]] = defaultdict(list)
    for first, last in _blocks(numbers, furniture):
        kind = line_signature(text[numbers[first]])
        for step in range(1, REACH + 1):
            for offset, i in ((-step, first - step), (step, last + step)):
                if 0 <= i < len(numbers) and _clear(numbers, i, offset, furniture):
                    slots[None, offset].append(numbers[i])
                    slots[kind, offset].append(numbers[i])
    features: dict[int, list[str]] = defaultdict(list)
    for (kind, offset), lines in slots.items():
        if len(lines) < MIN_BLOCKS:
            continue
        signatures = Counter(line_signature(text[n]) for n in lines)
        for n in lines:
            signature = line_signature(text[n])
            if signatures[signature] >= RECURS * len(lines) and f"tpl{offset:+d}" not in features[n]:
                short = "s" if signature == "num" or signature[0] == "s" else "l"
                features[n] += [f"tpl{offset:+d}", f"tpl{offset:+d}{short}"]
    for n in counter_lines(numbers, text):
        features[n].append("counter")
    return dict(features)


def _blocks(numbers: list[int], furniture: frozenset[int]) -> list[tuple[int, int]]:
    """Runs of consecutive furniture lines, as (first index, last index) into `numbers`."""
    out, i = [], 0
    while i < len(numbers):
        if numbers[i] in furniture:
            j = i
            while j + 1 < len(numbers) and numbers[j + 1] in furniture:
                j += 1
            out.append((i, j))
            i = j + 1
        else:
            i += 1
    return out


def _clear(numbers: list[int], i: int, offset: int, furniture: frozenset[int]) -> bool:
    """Whether the slot line and every line between it and its block are text, not furniture."""
    step = 1 if offset < 0 else -1
    return all(numbers[i + k * step] not in furniture for k in range(abs(offset)))


def counter_lines(numbers: list[int], text: dict[int, str]) -> set[int]:
    """Bare-number lines that count on from the bare number before them or up to the one after: comment counters."""
    counted = [(n, int(text[n].strip("#."))) for n in numbers if NUMBER.fullmatch(text[n])]
    out = set()
    for (n, value), (m, following) in zip(counted, counted[1:]):
        if following == value + 1:
            out |= {n, m}
    return out
