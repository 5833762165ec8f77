"""Comment boundaries inside a thread: furniture formats, the boundary model, the oracle and unmatched-label reports."""

import gzip
import json

import pytest
from typer.testing import CliRunner

from classifier.boundary_decode import groups_from_tags, viterbi_tags
from classifier.boundary_model import load_model
from classifier.cli import app
from classifier.comment_fields import author_before_date, author_name, parse_furniture
from classifier.furniture import ANNOTATION, DATE, furniture_lines, is_date_only
from classifier.labels import LabelledComment, make_record, with_ids
from classifier.pages import Page, span_text, split_lines
from classifier.split_report import evaluate
from classifier.splitter import comment_ids, split_page

from conftest import make_archive

ARTICLE = "A headline about the budget\nThe council met on Tuesday and argued about money for roads.\n\n"


def page_of(text: str, name: str = "p.txt", thread_start=None) -> Page:
    return Page(name, split_lines(text), thread_start)


@pytest.mark.parametrize("line, author", [
    ("RosaOctober 29, 2012 1:24 PM", "Rosa"),
    ("Tamsin26 October 2012 17:38", "Tamsin"),
    ("Daveywrote on November 13th, 2012 at 5:49 am", "Davey"),
    ("Phil Whiteresponded to Davey on November 13th, 2012 at 8:19 am", "Phil White"),
    ("4 Ann Lee said on Jul 23 2012", "Ann Lee"),
    ("Kim @ Kim's Kitchen November 12, 2012 at 10:31 am", "Kim @ Kim's Kitchen"),
    ("October 30, 2012 at 08:58 AM", None),
])
def test_author_glued_or_next_to_a_date(line, author):
    assert DATE.search(line)
    assert author_before_date(line) == author


def test_date_only_lines():
    assert is_date_only("October 30, 2012 at 08:58 AM") and is_date_only("23 seconds ago ( 4:28 PM)")
    assert not is_date_only("Maria July 7, 2012 at 2:31 pm") and not is_date_only("Meet me on July 7, 2012 at noon")


@pytest.mark.parametrize("line", ["| Reply", "Report Abuse | Reply", "Like (3)", "Vote up", "152 Fans",
                                  "Ann @ Ann's Blog recently posted..My new post", "In reply to Ann"])
def test_annotation_lines_are_furniture(line):
    assert ANNOTATION.match(line)
    assert furniture_lines(("Some text.", line, "More text.")) == {2}


@pytest.mark.parametrize("line", ["Ann Lee's picture", "photo", "Total Comments (1,465)", "This comment has been well-received! What do you think?",
                                  "This user has chosen to opt out of the Badges program",
                                  "2 replies beneath your current threshold.", "The comments to this entry are closed.",
                                  "Comments on this article are now closed."])
def test_comment_system_notices_are_furniture(line):
    assert furniture_lines(("Some text.", line, "More text.")) == {2}


def test_annotation_does_not_take_comment_text():
    assert not ANNOTATION.match("Replying to trolls is pointless.")
    assert not ANNOTATION.match("Like I said, it is fine.")
    assert not ANNOTATION.match("This comment has nothing to do with roads.")
    assert not ANNOTATION.match("That is not Ann's picture, it is mine.")


@pytest.mark.parametrize("line, author", [
    ("Day 2: How to fix a road in a week | The Roads Blog says:", "Day 2: How to fix a road in a week | The Roads Blog"),
    ("by Roads Weekly: The Day In Roads, November 29, 2010 on November 29, 2010 at 10:10 pm.",
     "Roads Weekly: The Day In Roads"),
    ("Posted by: Ann Lee - Editor @ Roads Weekly | October 30, 2012 at 09:45 AM", "Ann Lee - Editor @ Roads Weekly"),
    ("ben said,", "ben"), ("road-fan-99 added:", "road-fan-99"),
])
def test_long_author_lines_are_furniture_and_name_the_author(line, author):
    lines = ("Some text.", line, "More text.")
    assert furniture_lines(lines) == {2}
    assert parse_furniture(lines, frozenset({2}), 3, 3)[0] == author


def test_a_sentence_ending_in_said_is_not_an_author_line():
    assert furniture_lines(("Some text.", "If the mayor said,", "More text.")) == frozenset()


def test_a_link_with_a_date_in_its_path_is_not_furniture():
    lines = ("See this:", "http://example.org/2012/02/08/roads/", "More text.", "Ann", "July 4, 2012")
    assert furniture_lines(lines) == {4, 5}


def test_bare_name_above_a_date_only_line_is_furniture_but_not_a_salutation_or_signature():
    lines = ("Eva", "September 29, 2012", "Great post.", "Davey,", "Phil Whiteresponded to Davey on November 13th, 2012",
             "Right you are.", "Yan", "", "Keith July 4, 2012 at 8:00 pm", "Next one.")
    found = furniture_lines(lines)
    assert {1, 2, 5, 9} <= found
    assert not {4, 7} & found  # "Davey," opens a reply, "Yan" signs one


WORDPRESS = ARTICLE + (
    "3 Responses\n\n"
    "RosaOctober 29, 2012 1:24 PM\n\nI grew up near there and the roads were always bad.\n\nStill are, honestly.\n\nReply\n\n"
    "Ben said on Jul 23 2012\n\nWhy did the council wait so long?\n\n| Reply\n\n"
    "Eva\nSeptember 29, 2012\n\nRosa,\nthe money was spent on the bridge first.\n\nReport Abuse | Reply\n\n"
    "Leave a Reply\nName (required)\n"
)


def test_thread_with_glued_and_bare_name_furniture_fills_author_and_posted():
    comments = split_page(page_of(WORDPRESS))
    assert [(c.start_line, c.end_line) for c in comments] == [(8, 10), (16, 16), (23, 24)]
    assert [c.author for c in comments] == ["Rosa", "Ben", "Eva"]
    assert [c.posted for c in comments] == ["October 29, 2012 1:24 PM", "Jul 23 2012", "September 29, 2012"]


def test_author_field_drops_the_weekday_and_connectives_its_date_leaves_behind():
    lines = split_lines("Great post, thank you.\n\nPosted by: Dana Wu  Thursday, November 08, 2012 at 01:34 PM\n")
    assert parse_furniture(lines, furniture_lines(lines), 1, 1) == ("Dana Wu", "November 08, 2012 at 01:34 PM")
    assert author_name("Sunday Times") == "Sunday Times"
    assert author_name("Jon on") == "Jon"


def test_model_is_shipped_and_decoding_follows_the_tags():
    model = load_model()
    assert model and model["tags"] == ["B", "I", "O"] and model["weights"]
    assert groups_from_tags({3: "O", 4: "I", 5: "I", 6: "O", 7: "B", 8: "B", 9: "I"}) == [[4, 5], [7], [8, 9]]


def test_viterbi_decoding_weighs_each_tag_given_the_one_before_and_keeps_forced_tags():
    # "text" leans to B on its own, but a line after B or I is far likelier I: one comment of three lines.
    model = {"tags": ["B", "I", "O"], "intercept": [0.0, 0.0, 0.0], "sequence": True,
             "weights": {"text": [1.0, 0.5, -2.0], "prev:B": [-2.0, 2.0, 0.0], "prev:I": [-2.0, 2.0, 0.0],
                         "mark": [-3.0, -3.0, 3.0]}}
    features = {1: ["text"], 2: ["text"], 3: ["text"], 4: ["mark"], 5: ["text"]}
    assert viterbi_tags(features, model) == {1: "B", 2: "I", 3: "I", 4: "O", 5: "B"}
    assert viterbi_tags(features, model, {2: ("O",)}) == {1: "B", 2: "O", 3: "B", 4: "O", 5: "B"}
    assert load_model()["sequence"]  # the shipped model is decoded this way


def test_name_line_repeating_the_author_heads_its_comment_not_the_one_before():
    # Typepad-style: the author's name above the comment, "Posted by" below it.
    block = "{name}\n\n{text}\n\nPosted by: {name} | October {day}, 2012 at 09:0{day} AM\n"
    thread = "".join(block.format(name=name, text=text, day=day) for day, (name, text) in enumerate(
        [("Sam Stone", "I am grateful for your post."), ("Jo Pappas", "Great post. I could not agree more."),
         ("Brett Heitz", "Frankly, it is surprising."), ("Sam Stone", "Thanks for jumping in, Brett.")], 1))
    page = page_of(ARTICLE + "Comments\n\n" + thread + "\nPost a comment\n")
    comments = split_page(page)
    assert [c.text for c in comments] == ["I am grateful for your post.", "Great post. I could not agree more.",
                                          "Frankly, it is surprising.", "Thanks for jumping in, Brett."]
    assert comments[1].author == "Jo Pappas"


HEADERLESS = ARTICLE + "Paragraph two of the article.\n\nAnn\nOctober 1, 2012\nNice.\n\nBen\nOctober 2, 2012\nWhy did the council wait so long before fixing the roads?\n"


@pytest.fixture
def detector_misses(monkeypatch):
    """Thread detection finds nothing, whatever the committed weights say about this tiny page."""
    import classifier.split_report
    import classifier.splitter

    for module in (classifier.splitter, classifier.split_report):
        monkeypatch.setattr(module, "find_thread", lambda page, model=None: None)


def test_split_from_a_known_thread_start_skips_thread_detection(detector_misses):
    page = page_of(HEADERLESS)
    assert split_page(page) == []  # detection finds no thread here
    comments = split_page(page, thread_start=6)
    assert [(c.start_line, c.end_line, c.author, c.posted) for c in comments] == [
        (8, 8, "Ann", "October 1, 2012"), (12, 12, "Ben", "October 2, 2012")]


def test_oracle_report_splits_from_true_starts_and_keeps_detected_starts(detector_misses):
    page = page_of(HEADERLESS, "h.txt")
    gold = {"h.txt": [LabelledComment("h.txt", 8, 8, "Nice.", "other"),
                      LabelledComment("h.txt", 12, 12, "Why did the council wait so long before fixing the roads?", "question")]}
    detected = evaluate("mini", [page], gold, {"h.txt": 6})
    oracle = evaluate("mini", [page], gold, {"h.txt": 6}, oracle=True)
    assert (detected.recovered_exact, oracle.recovered_exact) == (0, 2)
    assert detected.thread_start_exact == oracle.thread_start_exact == 0  # starts are always the splitter's own
    assert detected.unmatched == ["h.txt:8-8", "h.txt:12-12"] and oracle.unmatched == []


def test_label_whose_span_or_text_no_longer_matches_is_reported_not_dropped():
    page = page_of(ARTICLE + "2 Comments\nAnn says:\nNice.\nBen says:\nWhy?\nMore from Ben.\n", "t.txt")
    gold = {"t.txt": [LabelledComment("t.txt", 6, 6, "Nice.", "other"),  # matches
                      LabelledComment("t.txt", 8, 8, "Why?", "question"),  # the splitter runs it to line 9
                      LabelledComment("t.txt", 6, 6, "Nice!", "other")]}  # same span, text hash differs
    report = evaluate("mini", [page], gold, {})
    assert report.unmatched == ["t.txt:8-8", "t.txt:6-6"]
    assert report.gold_comments == 2 and report.recovered_exact == 1


def test_split_report_cli_counts_and_lists_unmatched_labels(tmp_path):
    text = ARTICLE + "Paragraph two.\n!@#$%^&*()  COMMENTS\nAnn says:\nNice.\n\nBen says:\nWhy?\n"
    archive = make_archive(tmp_path / "d.tar.gz", {"1": text.encode()})
    page = page_of(text.replace("!@#$%^&*()  COMMENTS\n", ""), "dragnet/1")
    labels = tmp_path / "labels"
    labels.mkdir()
    records = [make_record("dragnet/1", 6, 6, span_text(page, 6, 6), "other"),
               make_record("dragnet/1", 8, 9, span_text(page, 8, 9), "question")]  # includes "Ben says:"
    (labels / "l.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    c4 = tmp_path / "c4.jsonl.gz"
    with gzip.open(c4, "wt") as handle:
        handle.write(json.dumps({"text": "Just a document.", "line_id": 1}) + "\n")
    args = ["split-report", "--dragnet", str(archive), "--c4", str(c4), "--labels", str(labels)]
    result = CliRunner().invoke(app, args + ["--true-starts", "--unmatched", "5"])
    assert result.exit_code == 0, result.output
    assert "true thread starts" in result.output and "dragnet/1:8-9" in result.output
    assert "dragnet/1:6-6" not in result.output


def test_splitter_and_label_store_count_repeated_texts_alike():
    page = page_of(ARTICLE + "3 Comments\nAnn says:\n+1\nBen says:\nGood point.\nCy says:\n+1\n", "r.txt")
    comments = split_page(page)
    assert [c.text for c in comments] == ["+1", "Good point.", "+1"]
    labelled = with_ids([LabelledComment("r.txt", c.start_line, c.end_line, c.text, "other") for c in reversed(comments)])
    assert sorted(c.id for c in labelled) == sorted(c.id for c in comments)
    assert comments[2].id == comments[0].id + "-2"
    assert comment_ids("r.txt", ["a", "b", "a"]) == [comment_ids("r.txt", ["a"])[0], comment_ids("r.txt", ["b"])[0],
                                                     comment_ids("r.txt", ["a"])[0] + "-2"]


def test_training_regenerates_the_shipped_model_byte_for_byte(tmp_path):
    from conftest import SHARED

    if not (SHARED / "corpora" / "dragnet").is_dir():
        pytest.skip("needs ../shared/corpora/dragnet (the hand-segmented pages)")
    from classifier.boundary_model import MODEL_PATH
    from classifier.boundary_training import fit, model_json, training_pages

    assert model_json(fit(training_pages())) == MODEL_PATH.read_text(encoding="utf-8")


def test_bare_names_count_only_on_the_side_of_the_dates_where_the_page_puts_its_names():
    names_above = ("Eva", "September 29, 2012", "Great post.", "Tom Li", "October 1, 2012", "Nice one", "Ann", "October 2, 2012", "Agreed.")
    assert {1, 4, 7} <= furniture_lines(names_above) and 6 not in furniture_lines(names_above)
    author_lines_above = ("Ann Says:", "November 8, 2012 at 12:28 am", "Cute baby", "Ben Says:", "November 8, 2012 at 1:09 am",
                          "So happy for you all!")
    assert furniture_lines(author_lines_above) == {1, 2, 4, 5}  # "Cute baby" is the comment under a date
    names_below = ("Some text.", "October 1, 2012", "", "Tom Li", "Nice post.", "October 2, 2012", "Ann", "Agreed.")
    assert furniture_lines(names_below) == {2, 4, 6, 7}
