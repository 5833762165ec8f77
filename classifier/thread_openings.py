"""Last of the thread-start corrections: the article's closing line.

Whatever the layout, a postscript ("p.s. ...", "Disclosure: ...") closes the article, so a text start a few lines
above one is still the article's. Looks at non-blank lines only.
"""

from __future__ import annotations

from .thread_blocks import POSTSCRIPT, POSTSCRIPT_REACH


def below_postscript(texts: list[str], furniture: list[bool], best: int) -> int:
    """The line after the article's postscript when it closes the few text lines from a text start `best` down."""
    for line in range(best, min(len(texts) - 1, best + POSTSCRIPT_REACH + 1)):
        if furniture[line]:
            break
        if POSTSCRIPT.match(texts[line]):
            return line + 1
    return best


def opening_start(texts: list[str], furniture: list[bool], best: int) -> int:
    """The start below the article's postscript."""
    return below_postscript(texts, furniture, best)
