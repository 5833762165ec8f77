from classifier.thread_features import line_features
from classifier.thread_page_cues import _final_alternation, _name_heads, add_page_cues

ARTICLE = ["Roads plan passes after a long night",
           "By Jo Smith, March 3, 2012",
           "The council met on Tuesday and argued for three hours about money for the roads in the north.",
           "Members said the plan would cost more than the last one, and the mayor promised a second vote.",
           "The vote is expected next month, after the budget office has reported on the costs."]
# Names over readers' text, with no dates: the thread is the run of "name, then text" to the page's end.
THREAD = ["Torgo", "I think this is a terrible plan and you should be ashamed of it, honestly!",
          "Kim Park", "Why does nobody ask the people who actually drive on those roads every day?",
          "Al Moss", "Thanks for the write-up, I had no idea the vote was this week."]


def cues(texts, furniture=None):
    rows = [{} for _ in texts]
    add_page_cues(texts, furniture or [False] * len(texts), [False] * len(texts), rows)
    return rows


def test_name_heads_are_short_lines_over_longer_text_and_the_final_run_reaches_the_end():
    texts = ARTICLE + THREAD
    heads = _name_heads(texts, [False] * len(texts))
    assert heads == [5, 7, 9]
    assert _final_alternation(heads, len(texts)) == [5, 7, 9]
    assert _final_alternation([5, 7, 9], len(texts) + 20) == []  # the run must go on to the page's end


def test_the_first_name_of_the_final_alternation_is_marked_and_counts_the_heads_after_it():
    rows = cues(ARTICLE + THREAD)
    firsts = [i for i, row in enumerate(rows) if row["alternation_first"]]
    assert firsts == [5]
    assert rows[5]["name_heads_after_log"] > rows[7]["name_heads_after_log"] > rows[9]["name_heads_after_log"]


def test_the_rest_of_the_page_after_the_thread_start_reads_like_readers():
    rows = cues(ARTICLE + THREAD)
    assert rows[5]["rest_voice"] > rows[2]["rest_voice"]
    assert rows[5]["rest_voice_gain"] > rows[2]["rest_voice_gain"] > 0
    assert rows[5]["rest_shorter"] > 0  # readers' lines are shorter than the article's


def test_a_top_byline_marks_an_author_block_near_the_end_as_a_reader_s():
    texts = ARTICLE + ["Ted Wilson", "October 14th, 2012 at 4:51 pm", "Woe is me, I sound just like my father."]
    rows = line_features(texts)
    head = texts.index("Ted Wilson")
    assert rows[head]["top_byline"] == 1.0 and rows[head]["top_byline_tail_block"] == 1.0
    no_byline = line_features(texts[:1] + texts[2:])
    assert no_byline[head - 1]["top_byline_tail_block"] == 0.0


def test_calendar_dates_name_the_day_and_times_alone_do_not():
    from classifier.thread_page_cues import _calendar

    assert _calendar("Posted by: Red  October 03, 2012 at 01:12 AM")
    assert _calendar("11.05.12 at 1:55 pm")
    assert not _calendar("Posted by Jo Smith at 9:50 AM")
    assert not _calendar("5 hours ago")


def test_a_dated_trailer_at_the_end_of_a_dated_article_is_a_reader_s_and_a_time_only_footer_is_not():
    dated = ["March 3, 2012"] + ARTICLE[2:] + ["Me too, I drive that road.", "Posted by: Red  March 4, 2012 at 01:12 AM"]
    footer = ["March 3, 2012"] + ARTICLE[2:] + ["Posted by Jo Smith at 9:50 AM"]
    reader = line_features(dated)
    assert reader[len(dated) - 2]["top_and_tail_dated"] == 1.0
    assert reader[0]["top_and_tail_dated"] == 0.0  # the article's own date is not a tail block
    assert not any(row["top_and_tail_dated"] for row in line_features(footer))


def test_a_relative_date_marks_its_block_and_the_line_above_it():
    texts = ARTICLE + ["Jennifer H.", "5 hours ago", "Nice nails, but what do they have to do with the polls?"]
    rows = line_features(texts)
    assert rows[5]["relative_date_near"] == 1.0 and rows[6]["relative_date_near"] == 1.0
    assert rows[7]["relative_date_near"] == 0.0


class _PicksLine:
    """A stand-in thread-start model that picks one non-blank line (by its text)."""

    def __init__(self, text):
        self.text = text

    def best_line(self, texts):
        return (texts.index(self.text), 9.0) if self.text in texts else None


def test_a_comment_count_at_the_top_of_the_article_does_not_pull_the_start_up_to_it():
    from classifier.pages import Page, split_lines
    from classifier.threads import find_thread

    paragraphs = [line + " Nobody on the council would say when the work on the northern roads might start." for line in ARTICLE[2:]]
    top = ["Roads plan passes", "By Jo Smith", "8 comments"] + paragraphs + THREAD
    assert find_thread(Page("p.txt", split_lines("\n".join(top) + "\n"), None), _PicksLine("Torgo")).start == 7  # not 4
    # Under a count followed by short lines only (a tiny page's comments), the count still opens the thread.
    tiny = ["Roads plan passes", "By Jo Smith", "3 Comments"] + THREAD
    assert find_thread(Page("p.txt", split_lines("\n".join(tiny) + "\n"), None), _PicksLine("Kim Park")).start == 4
    # The same header after the article opens the thread, as before.
    low = ARTICLE + ARTICLE[2:] + ["3 Comments"] + THREAD
    assert find_thread(Page("p.txt", split_lines("\n".join(low) + "\n"), None), _PicksLine("Kim Park")).start == 10
