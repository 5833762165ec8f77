"""Decoding the boundary model's line scores into tags and comments: each line on its own, or the whole thread
by Viterbi when each line is scored given the previous line's tag (pure Python: splitting needs no numpy)."""

from __future__ import annotations

import math

TAGS = ("B", "I", "O")


def tag_lines(features: dict[int, list[str]], model: dict) -> dict[int, str]:
    """The most probable tag of each line."""
    tags = {}
    for n, feats in features.items():
        scores = _scores(feats, model["weights"], model["intercept"])
        tags[n] = TAGS[max(range(len(TAGS)), key=scores.__getitem__)]
    return tags


def with_previous(feats: list[str], previous: str) -> list[str]:
    """A line's features plus the tag of the line before it ("S" for the thread's first line).

    (Crossing the previous tag with gap or furniture features helped on seen sites, not on unseen ones.)
    """
    return feats + [f"prev:{previous}"]


def _scores(feats, weights, intercept) -> list[float]:
    scores = list(intercept)
    for f in feats:
        for k, w in enumerate(weights.get(f, ())):
            scores[k] += w
    return scores


def _log_softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    total = math.log(sum(math.exp(s - top) for s in scores)) + top
    return [s - total for s in scores]


def viterbi_tags(features: dict[int, list[str]], model: dict, allowed=None) -> dict[int, str]:
    """The most probable tag sequence when each line's tag is scored given the tag before it.

    `allowed` maps a line to the only tags it may take (furniture rules).
    """
    weights, intercept = model["weights"], model["intercept"]
    numbers = sorted(features)
    best: dict[str, float] = {"S": 0.0}
    back: list[dict[str, str]] = []  # for each line, the best previous tag of each tag it may take
    for n in numbers:
        options = (allowed or {}).get(n, TAGS)
        step: dict[str, float] = {}
        came_from: dict[str, str] = {}
        for previous, total in best.items():
            logp = _log_softmax(_scores(with_previous(features[n], previous), weights, intercept))
            for k, tag in enumerate(TAGS):
                if tag in options and (tag not in step or total + logp[k] > step[tag]):
                    step[tag], came_from[tag] = total + logp[k], previous
        best = step
        back.append(came_from)
    if not best:
        return {}
    tag = max(best, key=best.__getitem__)
    path = [tag]
    for came_from in reversed(back[1:]):
        tag = came_from[tag]
        path.append(tag)
    return dict(zip(numbers, reversed(path)))


def groups_from_tags(tags: dict[int, str]) -> list[list[int]]:
    """Comments as runs of lines: B opens one, I continues the open one (or opens one), O closes it."""
    groups: list[list[int]] = []
    open_ = False
    for n in sorted(tags):
        tag = tags[n]
        if tag == "O":
            open_ = False
        elif tag == "B" or not open_:
            groups.append([n])
            open_ = True
        else:
            groups[-1].append(n)
    return groups
