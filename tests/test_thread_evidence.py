from dataclasses import replace

from classifier.pages import Page, split_lines
from classifier.thread_evidence import calendar_dates, thread_evidence
from classifier.thread_features import line_features
from classifier.thread_model import load_model
from classifier.threads import find_thread

LONG = ("The council met on Tuesday and argued for three hours about money for the roads in the north, "
        "and members said the plan would cost more than the last one before the mayor promised a vote.")
ARTICLE = ["Roads plan passes after a long night", "October 17, 2012", LONG,
           "A decision is expected next month, after two more meetings."]


def evidence(texts):
    return thread_evidence(texts, [row["furniture"] > 0 for row in line_features(texts)])


def test_calendar_dates_read_named_and_numeric_dates():
    assert calendar_dates("written by Ann, October 18, 2012") == [(2012, 10, 18)]
    assert calendar_dates("Alan 7 Aug 12 at 11:21 pm") == [(2012, 8, 7)]
    assert calendar_dates("Nathan 07.16.12 at 11:43") == [(2012, 7, 16)]
    assert calendar_dates("Posted 17/10/12") == [(2012, 10, 17)]  # 17 cannot be a month
    assert calendar_dates("2012-10-29 by Herb") == [(2012, 10, 29)]
    assert calendar_dates("at 11:43, 5 hours ago") == []


def test_a_comment_dated_after_the_article_is_evidence_but_an_update_or_the_same_day_is_not():
    reader = ["Great piece, thank you.", "Posted by: Lulaine  October 18, 2012 at 10:59 AM"]
    assert evidence(ARTICLE + reader) == "a comment dated after the article"
    assert evidence(ARTICLE + ["More soon.", "Update: October 18, 2012"]) is None
    assert evidence(ARTICLE + ["Great piece.", "Posted by: Lulaine  October 17, 2012 at 10:59 AM"]) is None


def test_a_date_inside_the_articles_prose_is_not_the_articles_date():
    prose = ["Roads plan", "On October 1, 2012 " + LONG, "Another paragraph of the article follows here."]
    assert evidence(prose + ["A reference", "Posted by: Lulaine  October 18, 2012 at 10:59 AM"]) is None


def test_relative_dates_and_pingbacks_count_only_after_the_articles_text():
    assert evidence(ARTICLE + ["thecrus8r  •  15 minutes ago", "Keep dreaming!"]) == "a relative date after the article"
    assert evidence(["A title", "Miss Ann  •  29 minutes ago", LONG]) is None  # the article's own byline
    assert evidence(ARTICLE + ["Pingback: Roads « Another Blog"]) == "a pingback after the article"


def test_an_author_line_repeated_six_times_is_evidence_five_is_not():
    def thread(count):
        return [line for k in range(count) for line in (f"Reader{k} says:", f"Comment number {k} here.")]
    assert evidence(["A title", LONG] + thread(6)) == "an author line repeated"
    assert evidence(["A title", LONG] + thread(5)) is None


def test_evidence_finds_a_thread_the_detector_misses_and_no_thread_without_it():
    unsure = replace(load_model(), threshold=float("inf"))  # a detector that never fires
    def found(lines):
        return find_thread(Page("p.txt", split_lines("\n".join(lines) + "\n")), unsure)
    thread = found(ARTICLE + ["thecrus8r  •  15 minutes ago", "Keep dreaming!"])
    assert thread is not None and thread.end == 6
    assert found(ARTICLE + ["thecrus8r", "Keep dreaming!"]) is None


def test_a_readers_name_and_date_closing_the_page_is_evidence_below_an_article_only():
    article = ["A title", LONG, LONG, LONG, "The end of the article."]
    assert evidence(article + ["Jason", "November 12th", "Definitely, I agree."]) == "a reader's name and date closing the page"
    assert evidence(article + ["Jason", "November 12th"] + ["A line of text."] * 5) is None  # a letter, not a comment
    assert evidence(["A title", "Jason", "November 12th", "Definitely, I agree."]) is None  # no article above: a byline


def test_a_readers_score_after_the_articles_text_is_evidence():
    assert evidence(ARTICLE + ["roadwatcher 12 pts", "They will never fix my street."]) == "a reader's score after the article"
    assert evidence(["A title", "roadwatcher 12 pts", LONG]) is None  # above the article's text
    assert evidence(ARTICLE + ["Smith scored 28 points in the second half."]) is None  # prose, not a score line
