"""A thread marker the user knows: the line a site puts above its comments ("16 Comments", "Join the discussion").

For pages of one site, naming that line beats any detector. The thread begins after the last line the pattern
matches in full (a count under the article's title matches too, but the thread's own header comes later) and,
like every thread, ends at a reply form.
"""

from __future__ import annotations

import re

from .errors import ClassifierError
from .pages import Page
from .splitter import Comment, split_page


def marker_pattern(text: str) -> re.Pattern:
    """`text` compiled as a case-insensitive regular expression, or the project's error naming it."""
    if not text.strip():
        raise ClassifierError("--thread-after is empty; give the line above the comments, e.g. '\\d+ comments?'")
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise ClassifierError(f"--thread-after {text!r} is not a regular expression ({exc}); "
                              "e.g. '\\d+ comments?' or 'join the discussion'") from None


def marked_start(page: Page, pattern: re.Pattern) -> int | None:
    """The line after the last line of `page` that `pattern` matches in full (stripped); None when none does."""
    matches = [n for n, line in enumerate(page.lines, 1) if line.strip() and pattern.fullmatch(line.strip())]
    return matches[-1] + 1 if matches else None


def split_after_marker(page: Page, pattern: re.Pattern) -> tuple[list[Comment], bool]:
    """The page's comments from the line after its marker, and whether the marker was found.

    A page without the marker is split as any other (its thread found by the splitter's own detection).
    """
    start = marked_start(page, pattern)
    if start is None:
        return split_page(page), False
    return split_page(page, thread_start=start), True
