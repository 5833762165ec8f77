"""Each line's view of its neighbours: copies of the previous and next non-blank line's features.

A thread starts at the first line of a block, and what marks that line is often beside it: the
article's last sentence above it, the comment's author line or trailer below it. A linear score over a
line's own features cannot see that, so the picker (thread_model.py) also weighs "before:" and "after:"
copies of the neighbours' features. Like every thread feature this is blank-blind: `rows` are the
features of the page's non-blank lines, in order.
"""

from __future__ import annotations

NEIGHBOURS = (("before:", -1), ("after:", 1))
OWN_ONLY = ("fa_", "block_")  # page-kind copies and block cues stay on the line itself


def is_neighbour_feature(name: str) -> bool:
    """A feature copied from a neighbouring line (the ranker and detector leave these to the picker)."""
    return name.startswith(tuple(prefix for prefix, _ in NEIGHBOURS))


def with_neighbours(rows: list[dict[str, float]]) -> list[dict[str, float]]:
    """`rows` with "before:<f>" and "after:<f>" added to each row (0.0 past the page's ends, flagged by "<side>none")."""
    if not rows:
        return rows
    own = [name for name in rows[0] if not name.startswith(OWN_ONLY)]
    copied = []
    for i, row in enumerate(rows):
        extended = dict(row)
        for prefix, step in NEIGHBOURS:
            j = i + step
            other = rows[j] if 0 <= j < len(rows) else None
            extended.update((prefix + name, other[name] if other else 0.0) for name in own)
            extended[prefix + "none"] = float(other is None)
        copied.append(extended)
    return copied
