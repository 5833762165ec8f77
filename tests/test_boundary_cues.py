"""Line cues of the boundary model (boundary_model.py), on small made-up lines."""

import pytest

from classifier.boundary_model import _shape, line_features, split_groups
from classifier.comment_headers import REPLY_HEADER, SPACED_BYLINE, is_scored_title
from classifier.furniture import furniture_lines
from classifier.pages import Page, split_lines
from classifier.threads import Thread


@pytest.mark.parametrize("line", ["by ann_x ( 65672)", "by Jo Lau (10 0920)", "by Jo Lau ( 37) *", "by Anonymous Coward",
                                  "by Jo Lau (10 0920) on Monday July 23, @10 07PM (# 07  753) Homepage Journal"])
def test_bylines_with_spaced_user_numbers_are_author_lines(line):
    assert SPACED_BYLINE.match(line) and "author" in _shape(line, False, 1, False)


@pytest.mark.parametrize("line", ["by the way (1) I agree", "by the time I got there it was gone."])
def test_sentences_starting_with_by_are_not_bylines(line):
    assert not SPACED_BYLINE.match(line)


def test_reply_headers_are_author_lines_but_sentences_about_replies_are_not():
    assert REPLY_HEADER.match("Kim Doe replied to comment from Al Roe | November 9, 2012 11:51 AM |")
    assert "author" in _shape("Kim Doe replied to comment from Al Roe | November 9, 2012 11:51 AM |", False, 1, False)
    assert not REPLY_HEADER.match("I replied to him in 2012.")
    assert not REPLY_HEADER.match("She replied to the letter at once")


@pytest.mark.parametrize("line, scored", [("Re:Nice try (Score:5, Insightful)", True), ("Why bother? (Score 2, Funny)", True),
                                          ("Wow (2)", False), ("I gave it a (Score:5) myself, honestly.", False)])
def test_titles_carrying_a_moderation_score_are_told_apart(line, scored):
    assert is_scored_title(line) is scored


def test_a_title_carrying_its_score_is_furniture_whatever_the_model():
    text = "by ann_x (1234)\nFirst point.\n\nNice try (Score:5, Insightful)\nby bob (5678)\nSecond point.\n"
    lines = split_lines(text)
    opens_everything = {"sequence": True, "intercept": [1.0, 0.0, 0.0], "weights": {}}
    groups = split_groups(Page("made-up", lines, 1), Thread(1, len(lines), furniture_lines(lines)), opens_everything)
    assert [[lines[n - 1] for n in group] for group in groups] == [["First point."], ["Second point."]]


@pytest.mark.parametrize("line, numbered", [("21", True), ("#7", True), ("3.", True), ("2012 was fun.", False),
                                            ("12345", False)])
def test_comment_number_lines(line, numbered):
    assert ("num" in _shape(line, False, 1, False)) is numbered


def test_a_name_line_repeating_the_next_author_line_is_flagged_namesnext():
    text = ("Posted by: Ann Lee | October 1, 2012 at 09:01 AM\nBob Day\n\nI liked it a lot.\n\n"
            "Then I read it twice.\n\nPosted by: Bob Day | October 1, 2012 at 09:02 AM\nBob said it all.\n")
    lines = split_lines(text)
    page = Page("made-up", lines, 1)
    features = line_features(page, Thread(1, len(lines), furniture_lines(lines)))
    by_text = {lines[n - 1]: feats for n, feats in features.items()}
    assert "namesnext" in by_text["Bob Day"]
    assert "namesnext" not in by_text["I liked it a lot."]
    assert "namesnext" not in by_text["Bob said it all."]


def test_a_name_heading_that_the_next_author_line_repeats_is_furniture_whatever_the_model():
    text = ("Posted by: Ann Lee | October 1, 2012 at 09:01 AM\nBob Day\n\nI liked it a lot.\n\n"
            "Posted by: Bob Day | October 1, 2012 at 09:02 AM\n")
    lines = split_lines(text)
    page = Page("made-up", lines, 1)
    opens_everything = {"sequence": True, "intercept": [1.0, 0.0, 0.0], "weights": {}}
    groups = split_groups(page, Thread(1, len(lines), furniture_lines(lines)), opens_everything)
    assert [[lines[n - 1] for n in group] for group in groups] == [["I liked it a lot."]]
