from classifier.thread_blocks import block_head_start
from classifier.thread_features import line_features

ARTICLE = ["The council met on Tuesday and argued for three hours about money for the roads in the north.",
           "Members said the plan would cost more than the last one, and the mayor promised a second vote."]
# Header layout: a number, then "Name said:", the text, then the date.
NUMBERED_SAID = ["1", "Rosa Diaz said:", "Lovely piece, thanks.", "March 3, 2012 9:15 am",
                 "2", "Ben Hall said:", "I disagree with the mayor.", "March 3, 2012 10:02 am",
                 "3", "Kim Park said:", "When is the next meeting?", "March 4, 2012 8:40 pm",
                 "4", "Al Moss said:", "Next month, I think.", "March 5, 2012 7:00 am"]
# Header layout: "Name date" above each comment's text.
DATED = ["Rosa Diaz March 3, 2012 at 9:15 am", "Lovely piece, thanks.",
         "Ben Hall March 3, 2012 at 10:02 am", "I disagree with the mayor.",
         "Kim Park March 4, 2012 at 8:40 pm", "When is the next meeting?"]
# Furniture after each comment: the text first, its date-and-name trailer below it.
TRAILED = ["Great pictures, I want to go there too.", "October 22, 2012  Eve Long",
           "Lovely!", "October 22, 2012  Bo Li", "What camera did you use?", "October 23, 2012  Kim Park"]


def furniture(texts):
    return [row["furniture"] > 0 for row in line_features(texts)]


def test_a_pick_on_the_name_line_climbs_to_the_number_the_later_blocks_also_start_with():
    texts = ARTICLE + NUMBERED_SAID
    flags = furniture(texts)
    assert flags[2] and flags[3]
    assert block_head_start(texts, flags, 3) == 2
    assert block_head_start(texts, flags, 2) == 2


def test_the_previous_comments_date_is_not_taken_for_part_of_a_block_head():
    # Above the first "said:" line stands the article's own dateline, not a number like the later blocks'.
    texts = ARTICLE + ["Posted by Joe Bloggs at 3:00 am"] + NUMBERED_SAID[1:]
    flags = furniture(texts)
    assert block_head_start(texts, flags, 3) == 3


def test_the_articles_last_line_steps_down_to_the_first_header():
    texts = ARTICLE + DATED
    assert block_head_start(texts, furniture(texts), 1) == 2


def test_the_articles_source_line_over_the_first_header_steps_down_to_it():
    # "Source: AP" sits right above the first date, so it reads as furniture, but no later block has a line there.
    texts = ARTICLE + ["Source: AP"] + DATED + ["Al Moss March 5, 2012 at 7:00 am", "Next month."]
    flags = furniture(texts)
    assert flags[2] and flags[3]
    assert block_head_start(texts, flags, 2) == 3
    numbered = ARTICLE + NUMBERED_SAID  # the "1" over the first block has a "2", "3", "4" over the later ones
    assert block_head_start(numbered, furniture(numbered), 2) == 2


def test_a_pick_a_few_lines_above_the_first_header_steps_down_to_it():
    texts = ARTICLE + ["Good night!", "Have you read it? What did you think?"] + DATED
    assert block_head_start(texts, furniture(texts), 2) == 4
    far = ARTICLE + ["Good night!", "One.", "Two.", "Three."] + DATED  # too far above: the article's own line
    assert block_head_start(far, furniture(far), 2) == 2


def test_a_pick_under_the_articles_byline_steps_down_to_the_first_header():
    texts = ["Roads and money", "by Joe Bloggs on March 1, 2012", "From the mayor's letter:"] + ARTICLE + DATED
    flags = furniture(texts)
    assert flags[1] and not flags[2] and flags[5]
    assert block_head_start(texts, flags, 2) == 5
    under = ARTICLE + DATED  # under a header of the thread's own signature: that header
    assert block_head_start(under, furniture(under), 3) == 2


def test_a_name_over_text_like_the_later_comments_opens_the_thread():
    # Each comment: a profile (a name that is not furniture, a tagline, "12 Fans", a date), then its text.
    profile = [["ann99", "Say what you mean...", "557 Fans", "2 hours ago (2:26 PM)", "I agree with all of this."],
               ["mac33z", "Runner, reader.", "61 Fans", "3 hours ago (2:25 PM)", "The truth will out."],
               ["bo_li", "Here for the comments", "8 Fans", "4 hours ago (2:20 PM)", "Gee, really?"]]
    texts = ARTICLE + [line for block in profile for line in block]
    flags = furniture(texts)
    assert not flags[2] and not flags[3] and flags[4]
    assert block_head_start(texts, flags, 2) == 2


def test_comment_text_under_a_header_climbs_to_it():
    texts = ARTICLE + DATED
    assert block_head_start(texts, furniture(texts), 3) == 2


def test_nothing_moves_where_furniture_follows_each_comment():
    texts = ARTICLE + TRAILED
    flags = furniture(texts)
    assert flags[3] and not flags[2]
    assert block_head_start(texts, flags, 2) == 2
    assert block_head_start(texts, flags, 1) == 1


def test_a_multi_line_first_comment_starts_after_the_articles_postscript():
    from classifier.thread_trailers import after_postscript_start

    comment = ["Interesting post.", "I would add that the vote was close.", "Anyway, thanks for writing it."]
    texts = ARTICLE + ["p.s. The mayor did not answer our questions."] + comment + TRAILED[1:]
    flags = furniture(texts)
    first, last = 3, 5  # the first comment's lines; its trailer follows
    assert not any(flags[first:last + 1]) and flags[last + 1]
    assert after_postscript_start(texts, flags, last) == first
    assert after_postscript_start(texts, flags, last + 1) == first  # a pick on the first trailer
    no_postscript = ARTICLE + comment + TRAILED[1:]
    assert after_postscript_start(no_postscript, furniture(no_postscript), 4) == 4


def test_no_postscript_climb_in_a_header_layout():
    from classifier.thread_trailers import after_postscript_start

    texts = ARTICLE + ["Note: the vote is next week.", "First line of something.", "Second line."] + DATED
    flags = furniture(texts)
    assert flags[5] and not flags[4]
    assert after_postscript_start(texts, flags, 4) == 4


def test_an_early_start_on_the_articles_last_lines_steps_down_past_its_postscript():
    from classifier.thread_trailers import after_postscript_start

    texts = ARTICLE + ["Images via the council's website."] + ["Lovely pictures, thanks!"] + TRAILED[1:]
    flags = furniture(texts)
    assert flags[4] and not flags[3]
    assert after_postscript_start(texts, flags, 1) == 3


def test_comment_text_between_two_trailers_steps_above_the_upper_one():
    from classifier.thread_trailers import above_earlier_trailer

    texts = ARTICLE + TRAILED
    flags = furniture(texts)
    assert flags[3] and flags[5] and not flags[4]
    assert above_earlier_trailer(texts, flags, 4) == 2
    assert above_earlier_trailer(texts, flags, 2) == 2  # the first comment: no trailer above it
    header = ARTICLE + DATED
    assert above_earlier_trailer(header, furniture(header), 5) == 5  # header layout: text under its own header


def test_a_start_on_the_first_trailer_steps_above_it_when_trailers_lead_each_block():
    from classifier.thread_trailers import above_first_trailer

    # "Posted by: ..." ends each comment and the next commenter's name follows it.
    typepad = ["Lovely piece, thanks.", "Posted by: Rosa Diaz | March 03, 2012 at 09:15 AM", "Ben Hall",
               "I disagree with the mayor.", "Posted by: Ben Hall | March 03, 2012 at 10:02 AM", "Kim Park",
               "When is the next meeting?", "Posted by: Kim Park | March 04, 2012 at 08:40 PM", "Al Moss",
               "Next month.", "Posted by: Al Moss | March 05, 2012 at 07:00 AM"]
    texts = ARTICLE + typepad
    flags = furniture(texts)
    assert flags[3] and flags[4] and not flags[2]
    assert above_first_trailer(texts, flags, 3) == 2
    header = ARTICLE + DATED
    assert above_first_trailer(header, furniture(header), 2) == 2

