"""Decoding rules of the boundary model (boundary_rules.py), on a small made-up thread."""

from classifier.boundary_model import line_features, split_groups
from classifier.boundary_rules import TEXT_ONLY, allowed_tags
from classifier.furniture import furniture_lines
from classifier.pages import Page, split_lines
from classifier.threads import Thread

# A thread whose author lines open each comment and whose date lines close it.
TRAILING_DATES = ("Ann said...\n\nGreat recipe, made it twice.\nThanks again!\nMay 1, 2012 9:00 PM\n\n"
                  "Bob said...\n\nSo good.\nMay 1, 2012 9:05 PM\n")


def _thread(text):
    lines = split_lines(text)
    return Page("made-up", lines, 1), Thread(1, len(lines), furniture_lines(lines)), lines


def test_lines_between_an_author_line_and_the_closing_date_are_comment_text():
    page, thread, lines = _thread(TRAILING_DATES)
    features = line_features(page, thread)
    allowed = allowed_tags(features, {n: lines[n - 1].strip() for n in features})
    assert allowed[lines.index("Thanks again!") + 1] == TEXT_ONLY
    assert allowed[lines.index("So good.") + 1] == TEXT_ONLY


def test_a_model_calling_every_line_furniture_still_keeps_them():
    page, thread, lines = _thread(TRAILING_DATES)
    all_furniture = {"sequence": True, "intercept": [0.0, 0.5, 1.0], "weights": {}}  # else continuing, never opening
    groups = [[lines[n - 1] for n in group] for group in split_groups(page, thread, all_furniture)]
    assert groups == [["Great recipe, made it twice.", "Thanks again!"], ["So good."]]


def test_comment_counters_are_furniture_whatever_the_model():
    page, thread, lines = _thread("1\nAnn says:\nGreat.\n\n2\nBob says:\nNice.\n\n3\nCy says:\nYes.\n")
    opens_everything = {"sequence": True, "intercept": [1.0, 0.0, 0.0], "weights": {}}
    groups = [[lines[n - 1] for n in group] for group in split_groups(page, thread, opens_everything)]
    assert groups == [["Great."], ["Nice."], ["Yes."]]
