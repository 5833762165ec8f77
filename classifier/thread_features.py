"""Line features for "the reader thread starts at this line" (thread_model.py scores them).

Features look at the page's non-blank lines only. Blank lines are ignored on purpose: the Dragnet
corpus marks a thread start with a separator line wrapped in blank lines, so a long blank run would
teach the model the corpus' markup instead of the page, and C4-style text has no blank lines at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .thread_neighbours import with_neighbours
from .thread_page_cues import add_page_cues
from .threads import (ACTIONS, DATE, END_MARKER, HEADER, MONTH, POSTED_BY, SAYS, _is_dated_line, is_author_line,
                      is_date_only)

# Words that belong to furniture formats; every other word is a slot ("w") in a line's template.
KEPT_WORDS = frozenset(
    "says said wrote writes say at on by posted pm am ago reply pts points comments comment responses "
    "replies minutes hours days weeks months years minute hour day week month year added from via".split()
)
TOKEN = re.compile(rf"(?P<month>\b{MONTH}(?![a-z]))|(?P<digits>\d+)|(?P<word>[^\W\d_][\w'’.-]*)|(?P<mark>[^\w\s])", re.I)
VOICE = re.compile(
    r"^(?:great|nice|good|interesting|excellent|awesome|wonderful|thanks?|thank you|hi|hey|hello|dear|"
    r"wow|love|lol|agreed?|yes|no|i|i['’]m|i['’]ve|i['’]d|this is|what a|very|so|well|congrat\w*|ha\w*|omg|"
    r"@\S+)\b",
    re.I,
)
SECOND_PERSON = re.compile(r"\b(?:you|your|you['’]re|yours)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|I['’]ve|I['’]d|me|my)\b")
NEAR = 12  # non-blank lines looked at either side of a candidate


def template(line: str) -> str | None:
    """The shape of a short line: slots for names and numbers, furniture words and marks kept.

    "Rosa says:" and "Jean Smith says:" share "w says:"; lines of more than 12 words have none.
    """
    words = line.split()
    if not words or len(words) > 12:
        return None
    parts: list[str] = []
    for match in TOKEN.finditer(line):
        kind = match.lastgroup
        text = match.group().lower()
        if kind == "month":
            token = "M"
        elif kind == "digits":
            token = "0"
        elif kind == "word":
            word = text.strip(".")
            token = "ap" if word in ("am", "pm") else word if word in KEPT_WORDS else "w"
        else:
            token = text
        if not (token == "w" and parts and parts[-1] == "w"):
            parts.append(token)
    return " ".join(parts)


def _is_header(line: str) -> bool:
    return bool(line and len(line) <= 160 and HEADER.match(line) and not line.lower().startswith(("no ", "0 ")))


# Author lines the splitter's own patterns leave out: "Paula said," "xdwyer 5 pts", "Pingback: ...".
MORE_AUTHORS = re.compile(
    r"^(?:\(?#?\d+\)?\.?\s+)?[^\s,][^,]{0,50}?\s+(?:said|says|wrote|writes)\s*,\s*$"
    r"|^\S+(?:\s+\S+){0,3}\s+-?\d+\s+(?:pts?|points?)\s*$|^(?:pingback|trackback)\b",
    re.I,
)
NUMBERED = re.compile(r"^(?:\(\d{1,4}\)|#\d{1,4}|\d{1,4}\.?)\s+(?=\S)")


def _mark(line: str) -> bool:
    """Comment furniture: an author, date or action line (the same tests as threads.is_furniture, minus neighbours)."""
    return len(line) <= 160 and bool(is_author_line(line) or ACTIONS.match(line) or _is_dated_line(line)
                                     or MORE_AUTHORS.match(line))


def _name_like(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and line[-1] not in ".?!:;,\"”)" and len(line) <= 40


# Shapes too plain to mark furniture by recurring: name-only lines, and separators with no word or
# number in them ("————", "***"), which divide an article's sections as often as a thread's comments.
TRIVIAL_SHAPE = re.compile(r"^[w .,!?:;'’\"“”()-]*$|^\W*$")


def _markers(texts: list[str], templates: list[str | None]) -> list[bool]:
    """Furniture by pattern, a name next to a date, or a short line whose non-trivial shape recurs."""
    count = len(texts)
    marks = [_mark(t) for t in texts]
    shapes = Counter(t for t in templates if t and not TRIVIAL_SHAPE.match(t))
    names = Counter(t for t in texts if _name_like(t) and re.search(r"\w", t))
    return [
        marks[i]
        or (_name_like(texts[i]) and any(0 <= k < count and marks[k] and DATE.search(texts[k]) for k in (i - 1, i + 1)))
        or (len(texts[i].split()) <= 8 and bool(templates[i]) and shapes[templates[i]] >= 3)
        or (names[texts[i]] >= 2 and len(texts[i]) >= 3)
        for i in range(count)
    ]


def _final_run(heads: list[int]) -> tuple[list[int], int]:
    """The last run of regularly recurring marker blocks (a thread marks each comment), and its median gap."""
    if not heads:
        return [], 0
    run = [heads[-1]]
    gaps: list[int] = []
    for head in reversed(heads[:-1]):
        gap = run[0] - head
        limit = MAX_GAP if len(gaps) < 2 else min(MAX_GAP, max(6, 3 * sorted(gaps)[len(gaps) // 2] + 2))
        if gap > limit:
            break
        gaps.append(gap)
        run.insert(0, head)
    return run, (sorted(gaps)[len(gaps) // 2] if gaps else 0)


MAX_GAP = 30


def _first_of_main(shapes: list[str | None], furniture: list[bool]) -> int | None:
    """Where the commonest shape among marker lines first occurs (a thread repeats its author line's shape)."""
    counts = Counter(s for s, f in zip(shapes, furniture) if f and s and not TRIVIAL_SHAPE.match(s))
    if not counts:
        return None
    # The commonest shape; among equals the one that appears last (threads end pages).
    main = max(counts, key=lambda s: (counts[s], max(i for i, x in enumerate(shapes) if x == s)))
    if counts[main] < 2:
        return None
    first = next(i for i, (s, f) in enumerate(zip(shapes, furniture)) if f and s == main)
    while first > 0 and furniture[first - 1]:  # the head of its block ("Eva" above the date)
        first -= 1
    return first


def _share(flags, start: int, stop: int) -> float:
    stop = min(stop, len(flags))
    start = max(0, start)
    return sum(flags[start:stop]) / (stop - start) if stop > start else 0.0


def line_features(texts: list[str]) -> list[dict[str, float]]:
    """Features of each non-blank line (`texts`, stripped, in page order) as a thread start."""
    count = len(texts)
    # Shapes ignore a leading number: "2 Ann Lee October 3, 2012" shares the shape of the unnumbered first
    # comment's "Bo Li October 3, 2012", and an article's numbered list ("1. Plan", "2. Build") no longer recurs.
    templates = [template(NUMBERED.sub("", t, count=1)) for t in texts]
    furniture = _markers(texts, templates)
    heads = [i for i in range(count) if furniture[i] and (i == 0 or not furniture[i - 1])]
    run, median_gap = _final_run(heads)
    run_first = run[0] if len(run) >= 2 else None
    last_marker = max((i for i in range(count) if furniture[i]), default=None)
    # Furniture after each comment: the page ends in a marker block, so the thread begins with text.
    ends_in_furniture = last_marker is not None and last_marker >= count - 3
    coarse = [" ".join(t.split()[:3]) if t else None for t in templates]
    firsts = {"shape": _first_of_main(templates, furniture), "coarse": _first_of_main(coarse, furniture)}
    coarse_after: Counter[str] = Counter(t for t in coarse if t)
    coarse_before: Counter[str] = Counter()
    voice = [bool(VOICE.match(t)) or bool(FIRST_PERSON.search(t)) for t in texts]
    long_prose = [len(t.split()) > 25 for t in texts]
    after_templates: Counter[str] = Counter(t for t in templates if t)
    before_templates: Counter[str] = Counter()
    furniture_total = sum(furniture)
    furniture_before = 0
    header_seen = end_seen = False
    rows = []
    for i, text in enumerate(texts):
        shape = templates[i]
        if shape:
            after_templates[shape] -= 1
        repeats_after = after_templates[shape] if shape else 0
        repeats_before = before_templates[shape] if shape else 0
        if coarse[i]:
            coarse_after[coarse[i]] -= 1
        coarse_first = bool(coarse[i] and coarse_before[coarse[i]] == 0 and coarse_after[coarse[i]] >= 1 and furniture[i])
        previous = texts[i - 1] if i else ""
        furniture_after = furniture_total - furniture_before - furniture[i]
        words = len(text.split())
        block_first = furniture[i] and (i == 0 or not furniture[i - 1])
        back = (run_first - i) if run_first is not None else None
        fa_window = bool(ends_in_furniture and back is not None and 0 < back <= max(2, 2 * median_gap))
        rows.append({
            "furniture": float(furniture[i]),
            "block_first": float(block_first),
            "block_inner": float(furniture[i] and not block_first),
            "text_after_block": float(not furniture[i] and i > 0 and furniture[i - 1]),
            "run_first": float(run_first == i),
            "run_first_fb": float(run_first == i and not ends_in_furniture),
            "in_run": float(run_first is not None and i >= run_first),
            "run_length_log": math.log1p(len(run)) / 3 if run_first == i else 0.0,
            "fa_window": float(fa_window),
            "fa_window_text": float(fa_window and not furniture[i]),
            "fa_step": float(ends_in_furniture and back is not None and back == max(1, median_gap - 1)),
            "fa_step_near": float(ends_in_furniture and back is not None and abs(back - max(1, median_gap - 1)) <= 1),
            "marker_shape_first": float(furniture[i] and repeats_before == 0 and repeats_after >= 1),
            "marker_shape_first_log": math.log1p(repeats_after) / 3 if furniture[i] and repeats_before == 0 else 0.0,
            "marker_coarse_first": float(coarse_first),
            "marker_coarse_first_log": math.log1p(coarse_after[coarse[i]]) / 3 if coarse_first else 0.0,
            "main_shape_first": float(firsts["shape"] == i),
            "main_coarse_first": float(firsts["coarse"] == i),
            "author_line": float(is_author_line(text)),
            "dated": float(bool(DATE.search(text))),
            "name_like": float(_name_like(text)),
            "long_line": float(words > 25),
            "words_log": math.log1p(words) / 5,
            "voice_opening": float(bool(VOICE.match(text))),
            "second_person": float(bool(SECOND_PERSON.search(text))),
            "first_person": float(bool(FIRST_PERSON.search(text))),
            "voice_after": _share(voice, i, i + 8),
            "voice_before": _share(voice, i - 8, i),
            "prose_before": _share(long_prose, i - 8, i),
            "after_header": float(_is_header(previous)),
            "header_seen": float(header_seen),
            "end_marker_seen": float(end_seen),
            "shape_repeats_after": math.log1p(repeats_after) / 3,
            "shape_repeated_before": float(repeats_before > 0),
            "furniture_after_log": math.log1p(furniture_after) / 4,
            "furniture_before_log": math.log1p(furniture_before) / 4,
            "furniture_after_share": furniture_after / max(1, count - 1 - i),
            "furniture_before_share": furniture_before / max(1, i),
            "near_after_density": _share(furniture, i + 1, i + 1 + NEAR),
            "near_before_density": _share(furniture, i - NEAR, i),
            "position": i / max(1, count - 1),
            "lines_before_log": math.log1p(i) / 5,
            "lines_after_log": math.log1p(count - 1 - i) / 5,
            "in_top_five": float(i < 5),
            "last_line": float(i == count - 1),
            "next_posted_by": float(i + 1 < count and bool(POSTED_BY.match(texts[i + 1]))),
            "posted_by": float(bool(POSTED_BY.match(text))),
            "says_line": float(bool(SAYS.match(text))),
            "previous_marker": float(i > 0 and furniture[i - 1]),
            "next_marker": float(i + 1 < count and furniture[i + 1]),
        })
        if shape:
            before_templates[shape] += 1
        if coarse[i]:
            coarse_before[coarse[i]] += 1
        furniture_before += furniture[i]
        header_seen = header_seen or _is_header(text)
        end_seen = end_seen or bool(END_MARKER.match(text))
    for row in rows:
        # Furniture after or before each comment: the same cue means different things, so every
        # feature also has a copy that is on only on pages ending in furniture.
        row.update({"fa_" + key: (value if ends_in_furniture else 0.0) for key, value in list(row.items())})
    _add_block_head_features(rows, furniture)
    _add_tail_cues(texts, furniture, rows)
    add_page_cues(texts, furniture, voice, rows)
    return with_neighbours(rows)


def _add_tail_cues(texts: list[str], furniture: list[bool], rows: list[dict[str, float]]) -> None:
    """Cues for a short thread at the page's end and for the first of a run of author blocks.

    A thread of one or two comments has no rhythm to find; what marks it is an author block near the end
    of the page with the comment's text after it ("Ann Lee" over "October 3, 2012", then text), or, where
    furniture follows each comment, text followed by a final author block.
    """
    count = len(texts)
    heads = [i for i in range(count) if furniture[i] and (i == 0 or not furniture[i - 1])]
    block_end = {}
    for head in heads:
        end = head
        while end + 1 < count and furniture[end + 1]:
            end += 1
        block_end[head] = end
    with_text = [h for h in heads if block_end[h] + 1 < count]
    last_with_text = with_text[-1] if with_text else None
    last_head = heads[-1] if heads else None
    for i, text in enumerate(texts):
        nxt = texts[i + 1] if i + 1 < count else ""
        prev = texts[i - 1] if i else ""
        tail = count - 1 - i
        rows[i].update({
            "name_over_date": float(_name_like(text) and is_date_only(nxt)),
            "date_under_name": float(is_date_only(text) and _name_like(prev)),
            "more_author": float(bool(MORE_AUTHORS.match(text))),
            "numbered_furniture": float(furniture[i] and bool(NUMBERED.match(text))),
            "last_head_with_text": float(i == last_with_text),
            "tail_head": float(i == last_with_text and tail <= 15),
            "tail_head_near": float(i == last_with_text and tail <= 6),
            "text_before_last_block": float(not furniture[i] and last_head == i + 1 and block_end[i + 1] >= count - 2),
        })


BLOCK_CUES = ("marker_shape_first", "marker_shape_first_log", "marker_coarse_first", "marker_coarse_first_log")


def _add_block_head_features(rows: list[dict[str, float]], furniture: list[bool]) -> None:
    """Credit a furniture block's first-shape cues to the block's first line ("block_" features).

    A thread's first author block is often "Name" over "October 2, 2012": the date line's shape is what
    recurs, so the cue lands on the date, but the thread starts at the name above it.
    """
    for row in rows:
        row.update(("block_" + cue, 0.0) for cue in BLOCK_CUES)
        row["block_dated_below"] = 0.0
    head = 0
    for i in range(len(rows)):
        if not furniture[i]:
            continue
        if i == 0 or not furniture[i - 1]:
            head = i
        for cue in BLOCK_CUES:
            rows[head]["block_" + cue] = max(rows[head]["block_" + cue], rows[i][cue])
        if i > head:  # a name over its date: the date is below the head
            rows[head]["block_dated_below"] = max(rows[head]["block_dated_below"], rows[i]["dated"])
