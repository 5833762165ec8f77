"""Page-level cues for "the reader thread starts here": what the page looks like before and after a line.

The line features (thread_features.py) describe a candidate and its near neighbours. A short thread at the
end of a page has little furniture to go on, and an article's list or recipe can look like a run of author
blocks; what tells them apart is the whole page: an article says who wrote it and when near its top, so an
author/date block further down belongs to a reader; readers write in their own voice (I, you, questions,
thanks) where articles mostly do not; and a thread is a run of short "name, then text" blocks that goes on
to the page's end. Like every thread feature, these look at non-blank lines only.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right

from .furniture import DATE

TOP_LINES = 4  # an article's title, byline and date come within its first few non-blank lines
TAIL_LINES = 15  # a short thread's first block is within this many lines of the page's end
BYLINE_TOP = re.compile(r"^(?:.{0,40}\b)?(?:by|posted|written)\b", re.I)
READER_MARK = re.compile(r"[?!]|:\)|:-\)|;\)|\b(?:lol|thanks?|thx|agree|disagree)\b", re.I)
NAME_HEAD = re.compile(r"^[^\s.?!:;,\"“”()]{1,30}(?:\s+[^\s.?!:;,\"“”()]{1,30}){0,3}$")
RELATIVE = re.compile(r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b", re.I)
TIME_ONLY = re.compile(r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d+\s+\w+\s+ago", re.I)
BLOCK_REACH = 3  # lines from a candidate to its own author/date block (a trailer follows a one-line comment)
ALTERNATION_GAP = 10  # non-blank lines from one "name, then text" block to the next in a thread
SMOOTHING = 3  # lines' worth of the page's own voice share mixed into a short remainder's


def _calendar(text: str) -> bool:
    """A date that names the day ("October 3, 2012", "10/3/12"), not only a time or "5 hours ago"."""
    return any(not TIME_ONLY.fullmatch(match.group().strip()) for match in DATE.finditer(text))


def _voiced(text: str, voice: bool) -> bool:
    return voice or bool(READER_MARK.search(text))


def _name_heads(texts: list[str], furniture: list[bool]) -> list[int]:
    """Short name-like lines that head a longer line of text ("Torgo" over a reader's paragraph)."""
    heads = []
    for i, text in enumerate(texts[:-1]):
        following = texts[i + 1]
        if (furniture[i] or NAME_HEAD.match(text)) and not furniture[i + 1] and len(following.split()) > len(text.split()) + 3:
            heads.append(i)
    return heads


def _final_alternation(heads: list[int], count: int) -> list[int]:
    """The run of name heads that recur at a comment's rhythm and go on to the page's end."""
    if not heads or count - 1 - heads[-1] > ALTERNATION_GAP:
        return []
    run = [heads[-1]]
    for head in reversed(heads[:-1]):
        if run[0] - head > ALTERNATION_GAP:
            break
        run.insert(0, head)
    return run


def add_page_cues(texts: list[str], furniture: list[bool], voice: list[bool], rows: list[dict[str, float]]) -> None:
    """Add the page-level cues to each line's row (`voice`: the line opens or speaks like a reader)."""
    count = len(texts)
    top_dated = any(_calendar(t) for t in texts[:TOP_LINES])
    dated_block = [f and _calendar(t) for t, f in zip(texts, furniture)]
    relative = [f and bool(RELATIVE.search(t)) for t, f in zip(texts, furniture)]
    top_byline = any(DATE.search(t) or BYLINE_TOP.match(t) for t in texts[:TOP_LINES])
    voiced = [_voiced(t, v) and not f for t, v, f in zip(texts, voice, furniture)]
    prose = [not f for f in furniture]
    words = [len(t.split()) if p else 0 for t, p in zip(texts, prose)]
    heads = _name_heads(texts, furniture)
    page_voice = sum(voiced) / max(1, sum(prose))
    run = _final_alternation(heads, count)
    run_first = run[0] if len(run) >= 2 else None
    suffix_voiced = suffix_prose = suffix_words = 0
    after = [(0, 0, 0)] * count
    for i in range(count - 1, -1, -1):
        after[i] = (suffix_voiced, suffix_prose, suffix_words)
        suffix_voiced += voiced[i]
        suffix_prose += prose[i]
        suffix_words += words[i]
    before_voiced = before_prose = before_words = 0
    for i in range(count):
        heads_after = len(heads) - bisect_right(heads, i)
        a_voiced, a_prose, a_words = after[i]
        rest_voice = (a_voiced + SMOOTHING * page_voice) / (a_prose + SMOOTHING)
        prior_voice = (before_voiced + SMOOTHING * page_voice) / (before_prose + SMOOTHING)
        mean_after = a_words / a_prose if a_prose else 0.0
        mean_before = before_words / before_prose if before_prose else 0.0
        tail = i >= TOP_LINES and count - 1 - i <= TAIL_LINES
        tail_block = tail and furniture[i] and (i == 0 or not furniture[i - 1])
        reach = range(i, min(count, i + BLOCK_REACH + 1))
        rows[i].update({
            "top_and_tail_dated": float(top_dated and tail and any(dated_block[k] for k in reach)),
            "relative_date_near": float(any(relative[k] for k in reach)),
            "top_byline": float(top_byline),
            "top_byline_tail_block": float(top_byline and tail_block),
            "rest_voice": rest_voice,
            "rest_voice_gain": rest_voice - prior_voice,
            "rest_shorter": max(-1.0, min(1.0, math.log((mean_before + 1) / (mean_after + 1)) / 2)) if a_prose and before_prose else 0.0,
            "name_head": float(i in run),
            "name_heads_after_log": math.log1p(heads_after) / 3,
            "alternation_first": float(run_first == i),
            "alternation_length_log": math.log1p(len(run)) / 3 if run_first == i else 0.0,
        })
        before_voiced += voiced[i]
        before_prose += prose[i]
        before_words += words[i]
