from classifier.thread_features import line_features
from classifier.thread_rules import comment_signature, extend_back, signature, signature_repeats, step_before_trailer

ARTICLE = ["The council met on Tuesday and argued for three hours about money for the roads in the north.",
           "Members said the plan would cost more than the last one, and the mayor promised a second vote."]
# Only the second and later comments are numbered, so a ranker may pick "2 Ben Hall ..." (index 4).
THREAD = ["Rosa @ Rosa's Kitchen March 3, 2012 at 9:15 am", "Lovely piece, thanks.",
          "Ann Lee wrote a long reply about the roads that goes on for a while.",
          "And then a second line of it.",
          "2 Ben Hall March 3, 2012 at 10:02 am", "I disagree with the mayor.",
          "3 Kim Park March 4, 2012 at 8:40 pm", "When is the next meeting?",
          "4 Al Moss March 5, 2012 at 7:00 am", "Next month."]


def furniture(texts):
    return [row["furniture"] > 0 for row in line_features(texts)]


def test_signature_drops_names_numbers_and_marks_but_keeps_the_date_shape():
    assert signature("mary @ Blog October 28, 2012 at 8:02 pm") == signature("2 Alison October 28, 2012 at 8:03 pm")
    assert signature("Rosa says:") == "says"
    assert signature("A long line of ordinary prose that says nothing about any date at all, really.") is None


def test_a_bare_links_digits_are_no_date_signature():
    assert signature("http://www.example.com/news/2012/08/03/council-votes") is None
    assert comment_signature("www.example.com/2012/08/03") is None
    assert signature("Ann Lee http://ann.example.com August 3, 2012") is not None  # a dated line with a link


def test_a_later_pick_steps_back_to_the_first_comment_with_the_same_furniture():
    texts = ARTICLE + THREAD
    assert extend_back(texts, furniture(texts), 6) == 2
    assert extend_back(texts, furniture(texts), 2) == 2


def test_comment_signature_ignores_the_unit_of_an_age_and_a_day_glued_to_a_name():
    assert signature("Bo 37 minutes ago (12:39 PM)") != signature("4 seconds ago (1:16 PM)")
    assert comment_signature("Bo 37 minutes ago (12:39 PM)") == comment_signature("4 seconds ago (1:16 PM)") == "ago 0 0 ap"
    assert comment_signature("Ann (My Shop)26 October 2012 17:38") == comment_signature("Petal26 October 2012 17:44")
    assert comment_signature("A long line of ordinary prose that mentions 3 hours ago in passing, and more.") is None


def test_a_pick_steps_back_to_a_first_comment_dated_in_another_unit():
    ages = ARTICLE + ["Bo 37 minutes ago (12:39 PM)", "Austerity again.", "kim", "4 seconds ago (1:16 PM)",
                      "Stay on message.", "al", "6 seconds ago (1:16 PM)", "Not surprising.", "jo", "9 seconds ago (1:15 PM)", "Yes."]
    assert extend_back(ages, furniture(ages), 4) == 2


def test_text_picks_and_one_off_dates_do_not_move():
    texts = ARTICLE + THREAD
    assert extend_back(texts, furniture(texts), 7) == 7  # a comment's text: not furniture
    byline = ["By Liana Baker", "August 3, 2012"] + ARTICLE + ["Aug 6, 2012", "5:06 pm EDT", "A comment."]
    assert extend_back(byline, furniture(byline), 4) == 4  # its date shape never recurs after it


def test_the_step_back_stays_within_a_comments_length():
    far = ARTICLE[:1] + ["Posted March 1, 2012 at 8:00 am"] + ARTICLE * 10 + THREAD
    assert extend_back(far, furniture(far), len(far) - 6) == len(far) - len(THREAD)


# Furniture after each comment: the text comes first, its date-and-name trailer below it.
TRAILED = ["Great pictures, I want to go there too.", "October 22, 2012  Eve",
           "Lovely!", "October 22, 2012  Bo Li", "What camera did you use?", "October 23, 2012  Kim"]


def test_a_pick_on_the_first_trailer_steps_up_to_the_comment_text_above_it():
    texts = ARTICLE + TRAILED
    flags = furniture(texts)
    assert flags[3] and flags[-1] and not flags[2]
    assert step_before_trailer(texts, flags, 3) == 2


def test_no_step_when_the_page_does_not_end_in_the_same_trailer():
    texts = ARTICLE + TRAILED + ["Thanks all, see you next week."]  # last comment's text after its block
    assert step_before_trailer(texts, furniture(texts), 3) == 3
    said = ARTICLE + ["Rosa says:", "Lovely piece.", "Ben says:", "Next month.", "March 5, 2012 at 7:00 am"]
    flags = furniture(said)
    assert step_before_trailer(said, flags, 2) == 2  # "says" is not the last line's date signature
    assert step_before_trailer(said, flags, 3) == 3  # a text pick never moves


def test_signature_repeats_counts_later_furniture_with_the_picks_signature():
    texts = ARTICLE + THREAD
    rows = line_features(texts)
    assert signature_repeats(texts, rows, 2) == 3  # "2 Ben Hall ...", "3 Kim Park ...", "4 Al Moss ..."
    assert signature_repeats(texts, rows, 0) == 0  # article prose has no signature


def test_a_pick_above_the_first_trailer_climbs_to_just_after_the_articles_trailer():
    from classifier.thread_rules import climb_to_article_trailer
    texts = ARTICLE + ["Posted on November 13, 2012 at 6:15 AM",
                       "Recommended! I took this course last year.", "It is very good.", "There is a second part too.",
                       "Matt Palmer at November 13, 2012 6:31 AM", "Also recommended.",
                       "Ryan at November 13, 2012 6:33 AM", "Taking it right now.",
                       "Andrew Buis at November 13, 2012 7:35 AM"]
    marks = furniture(texts)
    assert climb_to_article_trailer(texts, marks, 5) == 3  # the first comment's first line
    assert climb_to_article_trailer(texts, marks, 7) == 7  # a later comment's text: no trailer right above
    no_trailer = ARTICLE * 3 + texts[3:]
    assert climb_to_article_trailer(no_trailer, furniture(no_trailer), 8) == 8  # no furniture near: stays
    dateline = ARTICLE + ["Sunday, October 14, 2012 at 10:04PM"] + texts[3:]
    assert climb_to_article_trailer(dateline, furniture(dateline), 5) == 5  # a dateline is no article trailer
