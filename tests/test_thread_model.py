import pytest

from classifier.cli import app
from classifier.pages import Page, split_lines
from classifier.thread_features import line_features
from classifier.thread_shapes import template
from classifier.thread_model import detector_row, load_model, model_from_json
from classifier.thread_training import examples, fit, fold_members, measure, train_thread_model
from classifier.threads import find_thread

ARTICLE = ("The council budget vote\nBy Ann Lee\n"
           "The council met on Tuesday and argued for three hours about money for the roads in the north.\n"
           "Members said the plan would cost more than the last one, and the mayor promised a second vote.\n"
           "A decision is expected next month, after the public has been heard at two more meetings.\n")
THREAD = ("Rosa says:\nMarch 3, 2012 at 9:15 am\nLovely piece, thanks.\n"
          "Ben says:\nMarch 3, 2012 at 10:02 am\nI disagree with the mayor.\n"
          "Kim says:\nMarch 4, 2012 at 8:40 pm\nWhen is the next meeting?\n")


def page(text: str, start: int | None = None) -> Page:
    return Page("p.txt", split_lines(text), start)


def test_thread_found_after_a_header():
    thread = find_thread(page(ARTICLE + "3 Comments\nGood news.\nI agree.\nWhat about the bridge?\n"))
    assert thread is not None and thread.start == 7


def test_thread_without_header_found_by_author_lines():
    thread = find_thread(page(ARTICLE + THREAD + "Leave a Reply\nName (required)\n"))
    assert thread is not None and (thread.start, thread.end) == (6, 14)


def test_article_only_page_has_no_thread():
    assert find_thread(page(ARTICLE + "The vote is on May 2, 2012.\nMore on this story soon.\n")) is None


def test_template_keeps_furniture_words_and_slots_names():
    assert template("Rosa says:") == template("Jean Smith says:") == "w says :"
    assert template("Nathan 07.16.12 at 9:35 pm") == template("Al 01.02.12 at 11:01 am")
    assert template(" ".join(["word"] * 13)) is None


def test_recurring_separators_are_not_furniture_but_recurring_author_lines_are():
    texts = ["Our weekly links", "————", "A long first item about gardens and the rain this spring.",
             "————", "A second item about a new library opening in the old mill.", "————",
             "Ann says:", "Nice list.", "Bo says:", "Thanks!", "Cy says:", "More please."]
    rows = line_features(texts)
    assert [i for i, row in enumerate(rows) if row["furniture"]] == [6, 8, 10]


def test_block_head_carries_the_first_date_shape_of_its_block():
    texts = ["An article line that runs on for a while about the roads.",
             "Rosa Lee", "March 3, 2012 at 9:15 am", "Lovely piece.",
             "Ben Hall", "March 3, 2012 at 10:02 am", "I disagree.",
             "Kim Park", "March 4, 2012 at 8:40 pm", "When is the vote?"]
    rows = line_features(texts)
    assert rows[2]["marker_shape_first"] == 1.0  # the date's shape recurs, so the cue is on the date...
    assert rows[1]["block_marker_shape_first"] == 1.0  # ...and the block's head (the name) gets it too
    assert rows[2]["block_marker_shape_first"] == rows[4]["block_marker_shape_first"] == 0.0
    assert rows[1]["block_dated_below"] == 1.0 and rows[1]["dated"] == 0.0
    assert rows[2]["block_dated_below"] == rows[3]["block_dated_below"] == 0.0  # only a head, and only from below


def test_detector_row_adds_the_picks_score_and_lead_over_the_runner_up():
    rows = [{"a": 1.0}, {"a": 2.0}, {"a": 3.0}]
    row = detector_row(rows, [1.0, 20.0, 15.0], 1)
    assert row["a"] == 2.0 and row["ranker_score"] == 2.0 and row["ranker_margin"] == 1.0
    assert detector_row([{"a": 1.0}], [4.0], 0)["ranker_margin"] == 0.0


def test_committed_weights_load_and_score():
    model = load_model()
    assert model.names and len(model.ranker) == len(model.detector) == len(model.names)
    texts = [line for line in (ARTICLE + THREAD).splitlines() if line]
    pick = model.best_line(texts)
    assert pick is not None and pick[0] == 5
    assert model_from_json(model.to_json()) == model


def test_bad_weights_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "w.json"
    bad.write_text('{"features": {}}')
    with pytest.raises(Exception, match="not a thread-start model"):
        load_model(bad)


def _corpus() -> list[Page]:
    pages = []
    for i in range(6):
        article = ARTICLE.replace("three", ["two", "four", "five", "six", "seven", "eight"][i])
        pages.append(Page(f"t{i}", split_lines(article + "\n" + THREAD), len(split_lines(article)) + 1))
        pages.append(Page(f"n{i}", split_lines(article + "Posted on May 2, 2012\nThe end of the story number " + str(i) + ".\n")))
    return pages


def test_training_is_deterministic_and_learns_the_made_up_threads():
    data = examples(_corpus())
    first, second = fit(data), fit(data)
    assert first.to_json() == second.to_json()
    figures = measure(first, data)
    assert figures.start_exact == 6 and figures.threadless_found == 0
    neighbour = [i for i, name in enumerate(first.names) if name.startswith(("before:", "after:"))]
    assert neighbour and any(first.picker[i] for i in neighbour)  # only the picker weighs the neighbours
    assert not any(first.ranker[i] or first.detector[i] for i in neighbour)
    model, cv = train_thread_model(_corpus(), folds=2)
    assert model.to_json() == first.to_json() and cv.thread_pages == 6 and cv.threadless_pages == 6


def test_too_few_pages_to_cross_validate_is_an_error():
    with pytest.raises(Exception, match="pass fewer --folds"):
        train_thread_model(_corpus()[:2], folds=5)


def test_train_thread_model_refuses_to_overwrite(tmp_path):
    from typer.testing import CliRunner

    out = tmp_path / "w.json"
    out.write_text("{}")
    result = CliRunner().invoke(app, ["train-thread-model", "--out", str(out)])
    assert result.exit_code == 1 and "--force" in result.output and out.read_text() == "{}"


def test_more_author_lines_count_as_furniture():
    from classifier.thread_shapes import MORE_AUTHORS

    assert all(MORE_AUTHORS.match(line) for line in ("Paula said,", "xdwyer 5 pts", "Pingback: Ten links | Blog"))
    assert not MORE_AUTHORS.match("He said, and then he left the room without a word.")
    rows = line_features(ARTICLE.splitlines() + ["firefighter jeff said,", "Good job on the joints."])
    assert rows[5]["furniture"] == rows[5]["more_author"] == 1.0


def test_tail_cues_mark_a_lone_comment_at_the_page_end():
    texts = ARTICLE.splitlines() + ["Ted Wilson", "October 14th, 2012 at 4:51 pm", "Woe is me!", "Thanks for listening,"]
    rows = line_features(texts)
    assert rows[5]["name_over_date"] == rows[5]["tail_head"] == rows[5]["last_head_with_text"] == 1.0
    assert rows[6]["date_under_name"] == 1.0 and rows[6]["tail_head"] == 0.0
    after = ARTICLE.splitlines() + ["Great post, I agree with all of it.", "Posted by: Red  October 03, 2012 at 01:12 AM"]
    assert line_features(after)[5]["text_before_last_block"] == 1.0


def test_shapes_ignore_a_leading_comment_number():
    texts = ARTICLE.splitlines() + ["Nick November 12, 2012 at 12:34 pm", "Will make a change.",
                                    "2 Tim Roper November 12, 2012 at 12:43 pm", "Agreed."]
    rows = line_features(texts)
    assert rows[5]["marker_shape_first"] == 1.0 and rows[7]["numbered_furniture"] == 1.0


def test_site_block_folds_are_runs_of_neighbouring_pages_and_random_folds_are_not():
    blocks = fold_members(10, 5, site_blocks=True)
    assert blocks == [{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9}]
    dealt = fold_members(10, 5)
    assert sorted(i for fold in dealt for i in fold) == list(range(10)) and dealt != blocks
