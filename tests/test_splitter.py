import json

import pytest

from classifier.pages import Page, read_page_file, split_lines
from classifier.splitter import comment_id, split_page

from conftest import REPO


def spans(text: str) -> list[tuple[int, int]]:
    return [(c.start_line, c.end_line) for c in split_page(Page("p.txt", split_lines(text)))]


def test_seed_000_splits_into_its_hand_segmentation():
    comments = split_page(read_page_file(REPO / "seeds" / "000_b28808061a017903.txt"))
    labelled = [json.loads(line) for line in (REPO / "labels" / "seeds.jsonl").read_text().splitlines()]
    assert [(c.start_line, c.end_line) for c in comments] == [(r["start_line"], r["end_line"]) for r in labelled]
    assert len(comments) == 16


def test_seed_003_has_no_thread():
    assert split_page(read_page_file(REPO / "seeds" / "003_17e7ad719581293a.txt")) == []


ARTICLE = "A headline about the budget\nThe council met on Tuesday and argued about money for roads.\n"


def test_article_is_never_a_comment():
    assert spans(ARTICLE + "3 Comments\nFirst reply here.\n") == [(4, 4)]
    assert spans(ARTICLE) == []


def test_salutation_line_opens_its_comment():
    page = ARTICLE + "2 Comments\nI think this is right.\nNeo\nThe rules only apply to soldiers.\n"
    assert spans(page) == [(4, 4), (5, 6)]


def test_signature_line_closes_its_comment():
    page = ARTICLE + "2 Comments\nI thank you for the work.\nare the numbers reliable?\nMcgruder.\nI had the same experience.\n"
    assert spans(page) == [(4, 6), (7, 7)]


def test_url_line_keeps_its_excerpt_and_quotes_stay_with_the_answer():
    page = (ARTICLE + "3 Comments\nI live near there.\nhttp://example.com/story\nA headline from the story\n"
            "“The roads are fine.”\nC-Low said:\n” Nobody drives there.”\nI disagree with both of you.\n")
    assert spans(page) == [(4, 4), (5, 6), (7, 10)]


def test_trackback_title_and_excerpt_are_one_comment():
    page = ARTICLE + "2 Comments\nI live near there.\nMass Grave Uncovered in Anbar\nNo doubt some will dismiss this.\n"
    assert spans(page) == [(4, 4), (5, 6)]


def test_furniture_lines_separate_comments_and_fill_author_and_date():
    page = ARTICLE + ("Comments\nPosted by: Dennis | October 12, 2012 at 12:50 PM\nFirst paragraph.\n\nSecond paragraph.\n"
                      "Reply\nPosted by: Ann | October 13, 2012 at 9:00 AM\nShort one.\nReply\n")
    comments = split_page(Page("p.txt", split_lines(page)))
    assert [(c.start_line, c.end_line) for c in comments] == [(5, 7), (10, 10)]
    assert comments[0].author == "Dennis" and "October 12, 2012" in comments[0].posted


def test_thread_without_header_found_by_author_lines():
    page = ARTICLE + "Rosa says:\nLovely food.\nBen says:\nI disagree.\nLeave a Reply\nName (required)\n"
    comments = split_page(Page("p.txt", split_lines(page)))
    assert [(c.start_line, c.end_line, c.author) for c in comments] == [(4, 4, "Rosa"), (6, 6, "Ben")]


def test_ids_are_stable_and_depend_on_text_not_position():
    first = split_page(Page("p.txt", split_lines(ARTICLE + "1 Comment\nSame text.\n")))[0]
    moved = split_page(Page("p.txt", split_lines("Extra line.\n" + ARTICLE + "1 Comment\nSame text.\n")))[0]
    assert first.id == moved.id == comment_id("p.txt", "Same text.")
    assert comment_id("p.txt", "Same text.", 2) != first.id


@pytest.mark.parametrize("header", ["16 Comments", "5 Responses to “A post”", "12 thoughts on “A post”", "Comments (3)"])
def test_thread_headers(header):
    assert spans(ARTICLE + header + "\nA reader comment.\n") == [(4, 4)]


def test_author_and_date_from_said_lines():
    page = ARTICLE + ("On October 29, 2012 at 2:35am, Rosa said...\nWonderful food!\nCheers,\nRosa\n"
                      "20. Jul, 2012 / Emily says:\nHave you seen this?\n")
    comments = split_page(Page("p.txt", split_lines(page)))
    assert [(c.start_line, c.end_line, c.author, c.posted) for c in comments] == [
        (4, 6, "Rosa", "October 29, 2012 at 2:35am"), (8, 8, "Emily", "20. Jul, 2012")]


def test_thread_without_header_found_by_recurring_date_lines():
    article = "".join(f"Paragraph {i} of the article goes on at some length.\n" for i in range(12))
    page = ("A title\nPosted on July 6, 2012 by admin\n" + article +
            "Alita July 6, 2012 at 10:47 pm\nFirst comment.\n"
            "Bob July 7, 2012 at 9:00 am\nSecond comment.\nStill Bob.\n"
            "Cy July 8, 2012 at 1:00 pm\nThird comment.\n")
    comments = split_page(Page("p.txt", split_lines(page)))
    assert [(c.start_line, c.end_line) for c in comments] == [(16, 16), (18, 19), (21, 21)]


def test_slashdot_style_author_lines_below_a_long_comment():
    article = "".join(f"Paragraph {i} of the story, told at some length.\n" for i in range(12))
    comments = "".join(f"Comment {i} first line.\nby user{i} ({1000 + i})\n" for i in range(4))
    long_one = "".join(f"Line {i} of a long pasted reply.\n" for i in range(20)) + "by longwinded (42)\n"
    page = "Title\n" + article + "\n\n\n\n" + comments + long_one + "Last one.\nby tail (7)\n"
    found = split_page(Page("p.txt", split_lines(page)))
    assert [c.start_line for c in found][:2] == [18, 20]
    assert found[0].author == "user0" and len(found) == 6
