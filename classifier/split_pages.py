"""Split many pages, in this process or over worker processes, in input order.

Splitting is pure Python and a page at a time, so a pile of pages splits about as many times faster as
there are cores. Pages travel to the workers in small chunks (one page is too little work for the trip),
at most `2 * jobs` chunks are in flight, and each page is split the same way in any process, so the
output is the same for any `jobs`.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from .pages import Page
from .splitter import Comment, split_page
from .thread_marker import split_after_marker

CHUNK = 16  # pages a worker splits per trip


def _split_chunk(pages: list[Page], marker: re.Pattern | None) -> list[tuple[list[Comment], bool]]:
    """Each page's comments, and whether `marker` was found on it (True without a marker)."""
    return [split_after_marker(page, marker) if marker else (split_page(page), True) for page in pages]


def _named(chunk: list[tuple[str, Page]], results: list[tuple[list[Comment], bool]]):
    return ((name, comments, marked) for (name, _), (comments, marked) in zip(chunk, results))


def split_pages(named_pages: Iterable[tuple[str, Page]], marker: re.Pattern | None = None,
                jobs: int = 1) -> Iterator[tuple[str, list[Comment], bool]]:
    """(name, the page's comments, whether its marker was found) for each (name, page) in order; `jobs` > 1
    splits in that many worker processes. The name is the caller's (a path as given, say), for its messages."""
    named_pages = iter(named_pages)
    chunks = iter(lambda: list(islice(named_pages, CHUNK)), [])
    if jobs <= 1:
        for chunk in chunks:
            yield from _named(chunk, _split_chunk([page for _, page in chunk], marker))
        return
    from joblib.externals.loky import get_reusable_executor

    executor = get_reusable_executor(max_workers=jobs, timeout=60)
    pending: deque = deque()

    def done():
        chunk, future = pending.popleft()
        return _named(chunk, future.result())

    try:
        for chunk in chunks:
            pending.append((chunk, executor.submit(_split_chunk, [page for _, page in chunk], marker)))
            if len(pending) >= 2 * jobs:
                yield from done()
        while pending:
            yield from done()
    finally:
        for _, future in pending:
            future.cancel()
