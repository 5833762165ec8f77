from classifier.thread_features import line_features
from classifier.thread_openings import below_credit, below_postscript, onto_pingback, below_related, into_sentence, onto_quote, up_to_greeting

ARTICLE = ["The council met on Tuesday and argued for three hours about money for the roads in the north.",
           "Members said the plan would cost more than the last one, and the mayor promised a second vote."]
DATED = ["Rosa Diaz March 3, 2012 at 9:15 am", "Lovely piece, thanks.",
         "Ben Hall March 3, 2012 at 10:02 am", "I disagree with the mayor.",
         "Kim Park March 4, 2012 at 8:40 pm", "When is the next meeting?"]


def furniture(texts):
    return [row["furniture"] > 0 for row in line_features(texts)]


def test_a_text_start_above_the_articles_postscript_moves_below_it():
    texts = ARTICLE + ["So, what now?", "I hope we find out soon.", "p.s. Thanks for all your notes on the last post.",
                       "Great post, I agree.", "Rosa Diaz March 3, 2012 at 9:15 am"]
    flags = furniture(texts)
    assert below_postscript(texts, flags, 2) == 5
    assert below_postscript(texts, flags, 5) == 5  # nothing below it to skip
    dated = ARTICLE + ["p.s. More soon."] + DATED
    assert below_postscript(dated, furniture(dated), 3) == 3  # a furniture start stays


# Furniture after each comment: the text first, its date-and-name trailer below it.
TRAILED = ["Hey guys,", "have you tried the ferry instead?", "It is cheaper and quicker.",
           "October 22, 2012  Eve Long", "Lovely!", "October 22, 2012  Bo Li", "What camera?", "October 23, 2012  Kim Park"]


def test_a_start_in_a_trailer_layout_climbs_to_the_first_comments_greeting():
    texts = ARTICLE + TRAILED
    flags = furniture(texts)
    assert flags[5] and not any(flags[:5])
    assert up_to_greeting(texts, flags, 4) == 2
    assert up_to_greeting(texts, flags, 5) == 2  # from the first trailer too
    assert up_to_greeting(texts, flags, 6) == 6  # a trailer lies between: a later comment


def test_no_climb_to_a_greeting_in_a_header_layout():
    texts = ["Hi everyone, a short one today."] + ARTICLE + DATED
    assert up_to_greeting(texts, furniture(texts), 2) == 2


def test_a_text_start_above_a_related_posts_list_moves_to_the_first_comment_after_it():
    related = ["Related Posts", "The council's last budget", "Roads in the north, a history"]
    texts = ARTICLE + related + DATED
    flags = furniture(texts)
    assert below_related(texts, flags, 1) == 5
    assert below_related(texts, flags, 5) == 5  # a furniture start stays
    unlisted = ARTICLE + ["Related Posts"] + ["A title of a related post."] * 10 + DATED  # no furniture close under it
    assert below_related(unlisted, furniture(unlisted), 1) == 1


def test_a_start_in_mid_sentence_climbs_to_the_line_the_sentence_begins_on():
    texts = ARTICLE + ["More than roads, more than money,", "five years of plans suggest a deal,", "including the bridge.",
                       "October 22, 2012  Eve Long", "Lovely!", "October 22, 2012  Bo Li"]
    flags = furniture(texts)
    assert into_sentence(texts, flags, 4) == 2
    assert into_sentence(texts, flags, 2) == 2  # the line above ends its sentence
    assert into_sentence(texts, flags, 6) == 6  # a trailer above: a comment's first line


def test_a_start_answering_a_quote_climbs_to_the_quoted_line():
    texts = ARTICLE + ['Re: "roads matter more than money"', "Could not agree more!",
                       "October 22, 2012  Eve Long", "Lovely!", "October 22, 2012  Bo Li"]
    flags = furniture(texts)
    assert onto_quote(texts, flags, 3) == 2
    assert onto_quote(texts, flags, 2) == 2
    plain = ARTICLE + ["Could not agree more!", "October 22, 2012  Eve Long", "Lovely!", "October 22, 2012  Bo Li"]
    assert onto_quote(plain, furniture(plain), 2) == 2  # no quote above it


def test_a_start_on_the_articles_one_credit_line_moves_to_the_furniture_under_it():
    texts = ARTICLE + ["by Heidi Lee on March 3, 2012", "Rosa Diaz March 3, 2012 at 9:15 am", "Lovely piece, thanks."]
    flags = furniture(texts)
    assert flags[2] and flags[3]
    assert below_credit(texts, flags, 2) == 3
    twice = texts + ["by Ben Hall on March 4, 2012", "Ben Hall March 4, 2012 at 10:02 am", "I disagree."]
    assert below_credit(twice, furniture(twice), 2) == 2  # "by" opens later lines too: the thread's header form
    assert below_credit(texts, flags, 3) == 3  # not a credit


def test_a_text_start_right_above_the_first_pingback_moves_onto_it():
    texts = ARTICLE + ["Pingback: Ten roads to fix this year | Town Notes", "Pingback: Council roundup | Daily Post"]
    flags = furniture(texts)
    assert onto_pingback(texts, flags, 1) == 2
    assert onto_pingback(texts, flags, 0) == 0  # not right above it
    later = ["Pingback: An older note | Blog"] + texts
    assert onto_pingback(later, furniture(later), 2) == 2  # a pingback above: the thread began already
