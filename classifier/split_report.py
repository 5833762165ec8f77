"""How well the splitter does against the truth we have: thread starts, thread-less pages, hand segmentation."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .dragnet import PROJECT_ROOT
from .errors import ClassifierError
from .labels import LabelledComment
from .pages import Page, split_lines, text_sha256
from .splitter import split_page, split_thread
from .threads import find_thread

C4_SAMPLE = PROJECT_ROOT.parent / "shared" / "corpora" / "c4-sample" / "c4_sample.jsonl.gz"
HELDOUT_LIST = PROJECT_ROOT / "labels" / "splitter-heldout.txt"


def heldout_pages(path: str | Path = HELDOUT_LIST) -> frozenset[str]:
    """Pages kept out of splitter development, so the report can measure the splitter on unseen pages."""
    path = Path(path)
    if not path.is_file():
        return frozenset()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


@dataclass
class SplitReport:
    corpus: str
    thread_pages: int = 0
    thread_start_exact: int = 0
    threadless_pages: int = 0
    threadless_with_comments: int = 0
    gold_comments: int = 0
    recovered_exact: int = 0
    boundaries_found: int = 0
    boundaries_true: int = 0
    boundaries_matched: int = 0
    misses: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # hand labels no split comment matches, page:start-end

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def boundary_precision(self) -> float | None:
        return self.share(self.boundaries_matched, self.boundaries_found)

    @property
    def boundary_recall(self) -> float | None:
        return self.share(self.boundaries_matched, self.boundaries_true)


def _first_text_line(page: Page, start: int) -> int | None:
    return next((n for n in range(start, len(page.lines) + 1) if page.lines[n - 1].strip()), None)


def evaluate(corpus: str, pages: Iterable[Page], gold: dict[str, list[LabelledComment]],
             true_starts: dict[str, int | None], oracle: bool = False) -> SplitReport:
    """Compare the splitter with the truth given for each page.

    `true_starts[page]` is the line where the thread begins (None: the page has no thread; absent:
    unknown). `gold[page]` holds the hand-segmented comments of pages segmented by hand. With
    `oracle`, pages with a known thread are split from their true start, so the comment figures
    measure boundaries alone (thread starts and thread-less pages are still the splitter's own).
    """
    report = SplitReport(corpus)
    for page in pages:
        thread = find_thread(page)  # once a page: the comments and the thread-start figure share it
        if oracle and true_starts.get(page.name) is not None:
            comments = split_page(page, thread_start=true_starts[page.name])
        else:
            comments = split_thread(page, thread)
        if page.name in true_starts:
            truth = true_starts[page.name]
            # A comment section marked where no text follows (comments closed) holds no comment: a thread-less page.
            first_line = _first_text_line(page, truth) if truth is not None else None
            if first_line is None:
                report.threadless_pages += 1
                report.threadless_with_comments += bool(comments)
            else:
                report.thread_pages += 1
                if thread and thread.start == first_line:
                    report.thread_start_exact += 1
                else:
                    report.misses.append(page.name)
        if page.name in gold:
            true_spans = {(c.start_line, c.end_line) for c in gold[page.name]}
            found = {(c.start_line, c.end_line) for c in comments}
            report.gold_comments += len(true_spans)
            report.recovered_exact += len(true_spans & found)
            produced = {(c.start_line, c.end_line, text_sha256(c.text)) for c in comments}
            report.unmatched += [f"{page.name}:{c.start_line}-{c.end_line}" for c in gold[page.name]
                                 if (c.start_line, c.end_line, text_sha256(c.text)) not in produced]
            true_bounds, found_bounds = {s for s, _ in true_spans}, {s for s, _ in found}
            report.boundaries_true += len(true_bounds)
            report.boundaries_found += len(found_bounds)
            report.boundaries_matched += len(true_bounds & found_bounds)
    return report


def gold_by_page(comments: list[LabelledComment]) -> dict[str, list[LabelledComment]]:
    grouped: dict[str, list[LabelledComment]] = defaultdict(list)
    for comment in comments:
        grouped[comment.page].append(comment)
    return dict(grouped)


def read_c4(path: str | Path = C4_SAMPLE) -> list[Page]:
    """The C4 sample's documents as pages named c4/<line_id>."""
    path = Path(path)
    if not path.is_file():
        raise ClassifierError(f"no C4 sample at {path}; pass --c4 PATH to c4_sample.jsonl.gz")
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            record = json.loads(line)
            pages.append(Page(f"c4/{record.get('line_id', number)}", split_lines(record["text"])))
    return pages
