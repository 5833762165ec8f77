"""Rules of LABELING.md that override the boundary model while decoding: the tags a thread line may take."""

from __future__ import annotations

from .comment_headers import is_scored_title

FURNITURE_ONLY = ("O",)
TEXT_ONLY = ("B", "I")


def allowed_tags(features: dict[int, list[str]], text: dict[int, str]) -> dict[int, tuple[str, ...]]:
    """The only tags each constrained line may take, by line number; `text` holds the stripped lines.

    Author and action lines ("Ann says:", "Posted by: Ann", "Reply", "Report Abuse"), comment counters ("7"
    between comments "6" and "8") and titles carrying their score are furniture, so is a name heading a
    comment right after furniture when the comment's own author line repeats it; other text right below an
    author line, or between an author line and the date line that closes the comment ("Ann said..." / text /
    "May 1, 2012 9:00 PM"), is comment text.
    """
    allowed: dict[int, tuple[str, ...]] = {}
    for n, feats in features.items():
        if {"author", "annot", "counter"} & set(feats) or {"namesnext", "p:fur"} <= set(feats) or is_scored_title(text[n]):
            allowed[n] = FURNITURE_ONLY
        elif "p:author" in feats and not {"fur", "authorname"} & set(feats):
            allowed[n] = TEXT_ONLY
    for n in _between_author_and_date(features):
        allowed.setdefault(n, TEXT_ONLY)
    return allowed


def _between_author_and_date(features: dict[int, list[str]]) -> list[int]:
    """Text lines whose nearest furniture above is an undated author line and below a date-only line."""
    out, above, pending = [], None, []
    for n in sorted(features):
        feats = features[n]
        if "fur" not in feats:
            pending.append(n)
            continue
        if above is not None and "author" in above and "dated" not in above and "dateonly" in feats:
            out += pending
        above, pending = feats, []
    return out
