"""Last of the thread-start corrections: the article's closing line and the first comment's opening line.

Whatever the layout, a postscript ("p.s. ...", "Disclosure: ...") closes the article, so a text start a few lines
above one is still the article's. Where furniture follows each comment (a trailer layout, told by the page's
last line), the first comment is the text above the first trailer, and a start on its last lines is late: a
greeting ("Hey guys,", "Hi David - ...") a few lines up opens it. And a "Related Posts" list under the article,
below a text start, shows the start is the article's: the thread begins with the furniture after the list.
Last, a comment does not begin mid-sentence: a text start under a text line ending in a comma climbs to it; and
quoted lines right above a text start are the first comment's, which answers them. And an author credit ("by Heidi
Lee on May 2, 2012", "Written by: Dan") found once on the page is the article's: a thread repeats its header form;
and a text start right above the page's first pingback is the article's last line: a pingback is a comment of its own.
Looks at non-blank lines only.
"""

from __future__ import annotations

import re

from .thread_shapes import PINGBACK
from .thread_trailers import POSTSCRIPT_REACH, line_after_postscript

# A comment's opening: "Hey guys,", "Hi David - I agree".
GREETING = re.compile(r"^(?:hi|hey|hello|dear)\b", re.IGNORECASE)
GREETING_REACH = 6  # text lines above a trailer layout's start searched for its first comment's greeting
# A list of links the page adds under its article: "Related Posts", "You may also like".
RELATED = re.compile(r"^(?:related (?:posts?|articles?|stories|entries|links|content|reading)|you (?:may|might) also like"
                     r"|more from\b|recommended (?:for you|reading|stories)|further reading|see also)\W*$", re.IGNORECASE)
RELATED_LIST = 8  # link titles under such a heading before the first comment's furniture
COMMA_REACH = 4  # lines one sentence may run over, each ending in a comma
QUOTE = re.compile(r"^(?:re:\s*)?[\"“>]", re.IGNORECASE)  # a quoted line: '"content is king."', 'Re: "..."', "> ..."
QUOTE_REACH = 4  # quoted lines above a comment's answer to them
CREDIT = re.compile(r"^(?:(?:written|posted|published)\s+)?by\b", re.IGNORECASE)  # "by Ann on ...", "Written by: Dan"


def below_postscript(texts: list[str], furniture: list[bool], best: int) -> int:
    """The line after the article's postscript when it closes the few text lines from a text start `best` down."""
    after = line_after_postscript(texts, furniture, range(best, min(len(texts) - 1, best + POSTSCRIPT_REACH + 1)))
    return best if after is None else after


def up_to_greeting(texts: list[str], furniture: list[bool], best: int) -> int:
    """The greeting a few text lines above `best` in a trailer layout (an article seldom greets right before its thread)."""
    if not furniture[-1]:
        return best
    for line in range(best - 1, max(-1, best - 1 - GREETING_REACH), -1):
        if furniture[line]:
            return best
        if GREETING.match(texts[line]):
            return line
    return best


def below_related(texts: list[str], furniture: list[bool], best: int) -> int:
    """The first furniture line after a "Related Posts" list below a text start `best` (no furniture between)."""
    for line in range(best, len(texts)):
        if furniture[line]:
            return best
        if RELATED.match(texts[line]):
            after = next((k for k in range(line + 1, min(len(texts), line + 2 + RELATED_LIST)) if furniture[k]), None)
            return best if after is None else after
    return best


def _climb(texts: list[str], furniture: list[bool], best: int, reach: int, belongs) -> int:
    """Up from a text start `best`, at most `reach` lines, while the text line above passes `belongs`."""
    start = best
    while (not furniture[start] and start > 0 and best - start < reach and not furniture[start - 1]
           and belongs(texts[start - 1])):
        start -= 1
    return start


def into_sentence(texts: list[str], furniture: list[bool], best: int) -> int:
    """The line whose sentence a text start `best` continues: up while the text line above ends in a comma."""
    return _climb(texts, furniture, best, COMMA_REACH, lambda line: line.rstrip().endswith(","))


def onto_quote(texts: list[str], furniture: list[bool], best: int) -> int:
    """The first of the quoted text lines right above a text start `best`: a comment quotes, then answers."""
    return _climb(texts, furniture, best, QUOTE_REACH, QUOTE.match)


def below_credit(texts: list[str], furniture: list[bool], best: int) -> int:
    """The furniture line under a start `best` on an author credit whose first word opens no other line of the page."""
    if not furniture[best] or best + 1 >= len(texts) or not furniture[best + 1] or not CREDIT.match(texts[best]):
        return best
    lead = texts[best].split()[0].lower()
    return best + 1 if sum(1 for text in texts if text.split() and text.split()[0].lower() == lead) == 1 else best


def onto_pingback(texts: list[str], furniture: list[bool], best: int) -> int:
    """The page's first pingback when a text start `best` stands right above it."""
    if furniture[best] or best + 1 >= len(texts) or not PINGBACK.match(texts[best + 1]):
        return best
    return best + 1 if not any(PINGBACK.match(text) for text in texts[:best]) else best


def opening_start(texts: list[str], furniture: list[bool], best: int) -> int:
    """The start below the article's postscript and its "Related Posts" list, then up to the first comment's greeting,
    to the line its first sentence begins on and to the lines it quotes; last, below the article's own credit and onto a pingback under the article."""
    start = best
    for correct in (below_postscript, below_related, up_to_greeting, into_sentence, onto_quote, below_credit, onto_pingback):
        start = correct(texts, furniture, start)
    return start
