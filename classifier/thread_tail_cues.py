"""Thread-start cues for a short thread at the page's end and for the head of each furniture block."""

from __future__ import annotations

from .furniture import is_date_only
from .thread_shapes import MORE_AUTHORS, NUMBERED, name_like

def add_tail_cues(texts: list[str], furniture: list[bool], rows: list[dict[str, float]]) -> None:
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
            "name_over_date": float(name_like(text) and is_date_only(nxt)),
            "date_under_name": float(is_date_only(text) and name_like(prev)),
            "more_author": float(bool(MORE_AUTHORS.match(text))),
            "numbered_furniture": float(furniture[i] and bool(NUMBERED.match(text))),
            "last_head_with_text": float(i == last_with_text),
            "tail_head": float(i == last_with_text and tail <= 15),
            "tail_head_near": float(i == last_with_text and tail <= 6),
            "text_before_last_block": float(not furniture[i] and last_head == i + 1 and block_end[i + 1] >= count - 2),
        })


BLOCK_CUES = ("marker_shape_first", "marker_shape_first_log", "marker_coarse_first", "marker_coarse_first_log")


def add_block_head_features(rows: list[dict[str, float]], furniture: list[bool]) -> None:
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
