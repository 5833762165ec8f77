import gzip
import json

import pytest

from classifier.errors import ClassifierError
from classifier.labels import LabelledComment
from classifier.pages import Page, split_lines
from classifier.split_report import evaluate, heldout_pages, read_c4

THREAD = Page("t.txt", split_lines("Title\nArticle text here.\n\nAnn says:\nNice.\nBen says:\nWhy?\nMore from Ben.\n"))
PLAIN = Page("a.txt", split_lines("Title\nJust an article.\n"))


def gold(page, spans):
    return [LabelledComment(page, s, e, "x", "other") for s, e in spans]


def test_report_counts_starts_threadless_pages_and_boundaries():
    report = evaluate("mini", [THREAD, PLAIN], {"t.txt": gold("t.txt", [(5, 5), (7, 7)])},
                      {"t.txt": 3, "a.txt": None})
    assert (report.thread_pages, report.thread_start_exact) == (1, 1)  # line 3 is blank: the truth is line 4
    assert (report.threadless_pages, report.threadless_with_comments) == (1, 0)
    assert (report.gold_comments, report.recovered_exact) == (2, 1)  # Ben's comment runs to line 8
    assert report.boundary_precision == 1.0 and report.boundary_recall == 1.0


def test_missed_thread_start_is_listed():
    report = evaluate("mini", [THREAD], {}, {"t.txt": 7})
    assert report.thread_start_exact == 0 and report.misses == ["t.txt"]
    assert report.boundary_precision is None


def test_marked_thread_with_no_text_after_it_counts_as_threadless():
    closed = Page("c.txt", split_lines("Title\nJust an article.\n\n"))
    report = evaluate("mini", [closed], {}, {"c.txt": 3})
    assert (report.thread_pages, report.threadless_pages, report.threadless_with_comments) == (0, 1, 0)
    assert report.misses == []


def test_c4_documents_become_pages(tmp_path):
    path = tmp_path / "c4.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "One line.\nTwo lines.", "line_id": 7}) + "\n")
    assert read_c4(path) == [Page("c4/7", ("One line.", "Two lines."))]
    with pytest.raises(ClassifierError, match="--c4 PATH"):
        read_c4(tmp_path / "missing.gz")


def test_heldout_list_ignores_comments_and_blank_lines(tmp_path):
    listed = tmp_path / "heldout.txt"
    listed.write_text("# pages nobody tunes on\n\ndragnet/12\n c4/3 \n")
    assert heldout_pages(listed) == {"dragnet/12", "c4/3"}
    assert heldout_pages(tmp_path / "absent.txt") == frozenset()
