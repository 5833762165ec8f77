"""A learned comment-boundary model: each non-blank thread line begins a comment (B), continues one (I)
or is page furniture (O), by logistic regression over line-shape features and the previous line's tag,
decoded over the whole thread by Viterbi (boundary_decode.py).

The fitted weights are a small JSON file (classifier/boundary_model.json), so splitting needs no
scikit-learn; `classifier.boundary_training` regenerates it from the hand segmentation.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .boundary_decode import groups_from_tags, tag_lines, viterbi_tags
from .boundary_rules import allowed_tags
from .boundary_template import template_features
from .comment_fields import author_before_date, author_name
from .comment_headers import is_byline
from .furniture import ACTIONS, ANNOTATION, author_match, is_author_line, is_date_only, is_dated_line, is_long_author_line
from .pages import Page
from .split_rules import (CONNECTIVE, INTERJECTION, INTRODUCES_LINK, PERSONAL, VOCATIVE, continues, is_quote,
                          is_salutation, is_signature, is_title_like, is_url_only, opening_score, rule_groups)
from .threads import Thread

MODEL_PATH = Path(__file__).resolve().parent / "boundary_model.json"
# A comment's running number on a line of its own ("21", "#21", "21."), furniture beside an author line.
COMMENT_NUMBER = re.compile(r"#?\d{1,4}\.?")
# How far ahead (text lines) a name line looks for the author line that names it.
NAME_REACH = 40


def _bucket(value: int, edges: tuple[int, ...]) -> int:
    return next((i for i, edge in enumerate(edges) if value <= edge), len(edges))


def _shape(line: str, furniture: bool, repeats: int, is_author_name: bool) -> list[str]:
    """Features of one stripped line on its own."""
    last, first = line[-1], line[0]
    end = ("." if last == "." else "?" if last == "?" else "!" if last == "!" else "," if last == "," else
           ":" if last == ":" else "a" if last.isalpha() else "d" if last.isdigit() else "q" if last in "\"'”’)" else "x")
    start = ("U" if first.isupper() else "l" if first.islower() else "d" if first.isdigit() else
             "q" if first in "\"“'‘>«" else "@" if first == "@" else "-" if first in "-~—–" else "x")
    flags = {
        "fur": furniture, "author": is_author_line(line) or is_long_author_line(line) or is_byline(line),
        "dated": is_dated_line(line), "dateonly": is_date_only(line),
        "annot": bool(ANNOTATION.match(line) or ACTIONS.match(line)),
        "namedate": author_before_date(line) is not None, "authorname": is_author_name,
        "url": is_url_only(line), "hasurl": "http" in line or "www." in line, "salut": is_salutation(line),
        "sig": is_signature(line), "title": is_title_like(line), "quote": is_quote(line),
        "conn": bool(CONNECTIVE.match(line)), "personal": bool(PERSONAL.search(line)),
        "interj": bool(INTERJECTION.match(line)), "voc": bool(VOCATIVE.match(line)),
        "introlink": bool(INTRODUCES_LINK.match(line)), "caps": line.isupper() and len(line) > 3,
        "rep2": repeats >= 2, "rep3": repeats >= 3, "re": line.lower().startswith("re:"),
        "endscore": bool(re.search(r"\(\d+(?:,\s*\w+)?\)$", line)),
        "num": bool(COMMENT_NUMBER.fullmatch(line)),
    }
    flags["nowords"] = not re.search(r"\w", line)  # "...", "--", "*"
    if furniture:  # which kind of furniture: a name over a date (the neighbour rule) is the least sure
        flags["furkind:" + _furniture_kind(line, flags)] = True
    out = [name for name, on in flags.items() if on]
    out += [f"len{_bucket(len(line), (3, 15, 30, 60, 120))}", f"words{_bucket(len(line.split()), (1, 2, 4, 9))}",
            f"end{end}", f"start{start}"]
    return out


def _furniture_kind(line: str, flags: dict[str, bool]) -> str:
    if flags["author"] or flags["namedate"]:
        return "author"
    if flags["annot"]:
        return "annot"
    if flags["dateonly"]:
        return "date"
    if flags["dated"]:
        return "datedtext" if line[-1] in ".?!" or len(line.split()) > 8 else "dated"
    return "name"


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip())


def line_features(page: Page, thread: Thread) -> dict[int, list[str]]:
    """Feature names of every non-blank line of the thread, by line number."""
    lines = page.lines
    numbers = [n for n in range(thread.start, thread.end + 1) if lines[n - 1].strip()]
    text = {n: lines[n - 1].strip() for n in numbers}
    repeats = Counter(text.values())
    authors = {a.lower() for n in thread.furniture if thread.start <= n <= thread.end
               for a in [_author_of(lines[n - 1].strip())] if a}
    own = {n: _shape(text[n], n in thread.furniture, repeats[text[n]], text[n].lower() in authors) for n in numbers}
    context_keys = {"fur", "author", "dated", "dateonly", "annot", "namedate", "authorname", "url", "salut", "sig",
                    "title", "quote", "rep2", "len0", "len1", "len2", "len3", "len4", "len5", "end.", "end?", "end!",
                    "end,", "end:", "enda", "endd", "endq", "endx", "startU", "startl", "caps", "num"}
    ruled = {}
    for group in rule_groups(page, thread):
        ruled.update({m: "I" for m in group[1:]})
        ruled[group[0]] = "B"
    template = template_features(numbers, text, thread.furniture)
    features: dict[int, list[str]] = {}
    for i, n in enumerate(numbers):
        before = numbers[i - 1] if i else None
        after = numbers[i + 1] if i + 1 < len(numbers) else None
        gap_before = n - before - 1 if before else 9
        gap_after = after - n - 1 if after else 0
        feats = ["bias", "ruled:" + ruled.get(n, "O")] + own[n] + template.get(n, [])
        feats.append(f"gapb{min(gap_before, 3)}")
        if after:
            feats.append(f"gapa{min(gap_after, 3)}")
        blank_raw = lines[n - 2] if n >= 2 and before and gap_before else ""
        if blank_raw and not blank_raw.strip():
            feats.append("gapb_ws")  # the blank line above keeps the page's indentation: a layout break
        if before:
            feats += _rule_features(text[before], text[n])
            feats += ["p:" + f for f in own[before] if f in context_keys]
            shift = _indent(lines[n - 1]) - _indent(lines[before - 1])
            feats.append("indent=" if shift == 0 else "indent+" if shift > 0 else "indent-")
        else:
            feats.append("first")
        if opening_score(text[n]) > 0:
            feats.append("opens")
        if after:
            feats += ["n:" + f for f in own[after] if f in context_keys]
        feats += _furniture_distance(numbers, i, thread.furniture, lines)
        if _names_next_author(numbers, i, text, thread.furniture):
            feats.append("namesnext")
        for offset, name in ((-2, "p2"), (2, "n2")):
            j = i + offset
            if 0 <= j < len(numbers) and numbers[j] in thread.furniture:
                feats.append(f"{name}:fur")
        if not thread.has_furniture:  # threads without furniture follow other cues: learn them apart
            feats += ["plain:" + f for f in feats if f.startswith(("rule:", "opens", "gap", "salut", "sig", "url", "title",
                                                                 "quote", "voc", "personal", "conn", "end", "start", "bias", "ruled"))]
        features[n] = feats
    return features


def _furniture_distance(numbers: list[int], i: int, furniture: frozenset[int], lines) -> list[str]:
    """How many text lines away the nearest furniture line is, each way, and whether a blank line intervenes.

    A comment's header (name, badge, tagline) sits in a tight block right above its date line.
    """
    out = []
    for step, name in ((1, "dn"), (-1, "dp")):
        j, blank = i, False
        while 0 <= j + step < len(numbers) and abs(j + step - i) <= 4:
            if abs(numbers[j + step] - numbers[j]) > 1:
                blank = True
            j += step
            if numbers[j] in furniture:
                out.append(f"{name}{abs(j - i)}" + ("b" if blank else "t"))
                break
        else:
            out.append(f"{name}far")
    return out


def _names_next_author(numbers: list[int], i: int, text: dict[int, str], furniture: frozenset[int]) -> bool:
    """Whether the line only repeats the name the next author line below gives: the comment's name heading
    ("Ann" over her text over "Posted by: Ann | date"), not text after the previous comment's author line."""
    name = text[numbers[i]].lower()
    for n in numbers[i + 1:i + 1 + NAME_REACH]:
        if n in furniture:
            author = _author_of(text[n])
            if author:
                return author.lower() == name
    return False


def _rule_features(previous: str, line: str) -> list[str]:
    """What the hand-written rules for threads without furniture say about `line` after `previous`."""
    rule = continues(previous, line)
    return ["rule:none" if rule is None else "rule:continues" if rule else "rule:starts"]


def _author_of(line: str) -> str | None:
    """The name an author line gives, without its date ("Posted by: Ann  09/21/2012 at 09:38 PM" -> "Ann")."""
    match = author_match(line)
    if match:
        return author_name(match.group("author"))
    return author_before_date(line)


@lru_cache(maxsize=4)
def load_model(path: str | Path = MODEL_PATH) -> dict | None:
    """The fitted weights, or None when no model file is shipped."""
    path = Path(path)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def split_groups(page: Page, thread: Thread, model: dict) -> list[list[int]]:
    """The comments of a thread as lists of line numbers, by the model, within the rules of boundary_rules.py."""
    features = line_features(page, thread)
    allowed = allowed_tags(features, {n: page.lines[n - 1].strip() for n in features})
    if model.get("sequence"):
        return groups_from_tags(viterbi_tags(features, model, allowed))
    tags = tag_lines(features, model)
    for n, options in allowed.items():
        if tags[n] not in options:
            tags[n] = options[0]
    return groups_from_tags(tags)


