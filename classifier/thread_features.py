"""Line features for "the reader thread starts at this line" (thread_model.py scores them).

Features look at the page's non-blank lines only. Blank lines are ignored on purpose: the Dragnet
corpus marks a thread start with a separator line wrapped in blank lines, so a long blank run would
teach the model the corpus' markup instead of the page, and C4-style text has no blank lines at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .furniture import DATE, POSTED_BY, SAYS, is_author_line
from .thread_neighbours import with_neighbours
from .thread_page_cues import add_page_cues
from .thread_reader_names import add_reader_name_cues
from .thread_shapes import NUMBERED, final_run, first_of_main, is_header, markers, name_like, template
from .thread_signature_cues import add_signature_cues
from .thread_tail_cues import add_block_head_features, add_tail_cues
from .threads import END_MARKER

VOICE = re.compile(
    r"^(?:great|nice|good|interesting|excellent|awesome|wonderful|thanks?|thank you|hi|hey|hello|dear|"
    r"wow|love|lol|agreed?|yes|no|i|i['’]m|i['’]ve|i['’]d|this is|what a|very|so|well|congrat\w*|ha\w*|omg|"
    r"@\S+)\b",
    re.I,
)
SECOND_PERSON = re.compile(r"\b(?:you|your|you['’]re|yours)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|I['’]ve|I['’]d|me|my)\b")
NEAR = 12  # non-blank lines looked at either side of a candidate


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
    furniture = markers(texts, templates)
    heads = [i for i in range(count) if furniture[i] and (i == 0 or not furniture[i - 1])]
    run, median_gap = final_run(heads)
    run_first = run[0] if len(run) >= 2 else None
    last_marker = max((i for i in range(count) if furniture[i]), default=None)
    # Furniture after each comment: the page ends in a marker block, so the thread begins with text.
    ends_in_furniture = last_marker is not None and last_marker >= count - 3
    coarse = [" ".join(t.split()[:3]) if t else None for t in templates]
    firsts = {"shape": first_of_main(templates, furniture), "coarse": first_of_main(coarse, furniture)}
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
            "name_like": float(name_like(text)),
            "long_line": float(words > 25),
            "words_log": math.log1p(words) / 5,
            "voice_opening": float(bool(VOICE.match(text))),
            "second_person": float(bool(SECOND_PERSON.search(text))),
            "first_person": float(bool(FIRST_PERSON.search(text))),
            "voice_after": _share(voice, i, i + 8),
            "voice_before": _share(voice, i - 8, i),
            "prose_before": _share(long_prose, i - 8, i),
            "after_header": float(is_header(previous)),
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
        header_seen = header_seen or is_header(text)
        end_seen = end_seen or bool(END_MARKER.match(text))
    for row in rows:
        # Furniture after or before each comment: the same cue means different things, so every
        # feature also has a copy that is on only on pages ending in furniture.
        row.update({"fa_" + key: (value if ends_in_furniture else 0.0) for key, value in list(row.items())})
    add_block_head_features(rows, furniture)
    add_tail_cues(texts, furniture, rows)
    add_page_cues(texts, furniture, voice, rows)
    rows = with_neighbours(rows)
    add_signature_cues(texts, furniture, ends_in_furniture, rows)  # own cues only: no neighbour copies
    add_reader_name_cues(texts, furniture, rows)  # own cues only
    return rows
