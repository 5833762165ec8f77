"""What a labelling session asks about: comments by page from pages or split files, and who each answers."""

from __future__ import annotations

import json
from pathlib import Path

from . import dragnet
from .errors import ClassifierError
from .sources import PageSource, load_page
from .split_rules import is_salutation
from .splitter import Comment, comment_id, split_page


def addressed_name(text: str) -> str | None:
    """The name a comment opens by addressing: "Bill,", "@kent ...", "Hamidreza, I think ..."."""
    first = text.split("\n", 1)[0].strip()
    if first.startswith("@"):
        return first[1:].split()[0].rstrip(",:;.") if len(first) > 1 else None
    if is_salutation(first):
        return first.rstrip(",:")
    head, comma, _ = first.partition(",")
    if comma and 0 < len(head.split()) <= 2 and head[:1].isupper():
        return head
    return None


def _same_person(name: str, author: str | None) -> bool:
    if not author or not author.split():
        return False
    name, author = name.lower(), author.lower()
    return author == name or author.split()[0] == name or author.replace(" ", "") == name


def reply_context(comments: list[Comment], index: int) -> tuple[Comment | None, bool]:
    """(the earlier comment whose author this one addresses, True), else (the previous comment, False)."""
    name = addressed_name(comments[index].text)
    for candidate in (name.split("/") if name else []):
        for earlier in reversed(comments[:index]):
            if _same_person(candidate.strip(), earlier.author):
                return earlier, True
    return (comments[index - 1] if index else None), False


def _read_split_jsonl(path: Path) -> dict[str, list[Comment]]:
    """Comments from a `classifier split` file, by page, each page in line order."""
    pages: dict[str, list[Comment]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            ok = (isinstance(r, dict) and isinstance(r.get("page"), str) and isinstance(r.get("text"), str)
                  and all(isinstance(r.get(k), int) and not isinstance(r.get(k), bool) for k in ("start_line", "end_line")))
        except json.JSONDecodeError:
            ok = False
        if not ok or not r["text"].strip():
            raise ClassifierError(f"{path}:{number}: need page, start_line, end_line and text as `classifier split` "
                                  "writes them; split the pages again")
        comment = Comment(r.get("id") or comment_id(r["page"], r["text"]), r["page"], r["start_line"], r["end_line"],
                          r["text"], r.get("author"), r.get("posted"))
        pages.setdefault(comment.page, []).append(comment)
    return {page: sorted(comments, key=lambda c: c.start_line) for page, comments in pages.items()}


def read_inputs(names: list[str], source: PageSource | None = None) -> tuple[dict[str, list[Comment]], list[str]]:
    """Comments by page from page files, `dragnet/ID` pages and split JSONL files, plus notes to show."""
    source = source or PageSource()
    pages: dict[str, list[Comment]] = {}
    notes = []
    for name in names:
        if str(name).endswith(".jsonl"):
            path = Path(name)
            if not path.is_file():
                raise ClassifierError(f"{name}: no such file; check the path")
            found = _read_split_jsonl(path)
        else:
            comments = split_page(load_page(name, source))
            found = {comments[0].page: comments} if comments else {}
            if not comments:
                notes.append(f"{name}: no comment thread found; nothing to label there")
        for page, comments in found.items():
            reserved = page.startswith(dragnet.PAGE_PREFIX) and page[len(dragnet.PAGE_PREFIX):] in dragnet.reserved_ids()
            if reserved:
                raise ClassifierError(f"{page} is reserved for evaluation: never label, train or tune on it; pick another page")
            if page in pages:
                notes.append(f"{name}: page {page} was already given; its comments are asked once")
                continue
            pages[page] = comments
    return pages, notes
