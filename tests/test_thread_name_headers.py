from classifier.thread_features import line_features
from classifier.thread_name_headers import back_along_screen_names, back_along_trailers

ARTICLE = ["The council met on Tuesday and argued for three hours about money for the roads in the north.",
           "Members said the plan would cost more than the last one, and the mayor promised a second vote."]
# A bare name over each comment and the name with its date under it; the first comment has no name line.
NAMED = ["Lovely piece, thanks.", "Rosa Diaz  March 3, 2012 at 9:15 am",
         "Ben Hall", "I disagree with the mayor.", "Ben Hall  March 3, 2012 at 10:02 am",
         "Kim Park", "When is the next meeting?", "Kim Park  March 4, 2012 at 8:40 pm",
         "Tom Reed", "Thanks for this.", "Tom Reed  March 5, 2012 at 7:10 am"]


def furniture(texts):
    return [row["furniture"] > 0 for row in line_features(texts)]


def test_a_pick_on_a_bare_name_line_steps_back_to_the_first_trailer():
    texts = ARTICLE + NAMED
    flags = furniture(texts)
    assert flags[3] and flags[4] and flags[7] and not flags[2]
    assert back_along_trailers(texts, flags, 7) == 3
    assert back_along_trailers(texts, flags, 4) == 3
    assert back_along_trailers(texts, flags, 3) == 3  # a dated pick is extend_back's case
    assert back_along_trailers(texts, flags, 8) == 8  # a text pick stays


# One-word screen names over each comment, no dates; the blog's author answers under a name that repeats.
SCREEN_NAMED = ["roadfan", "Lovely piece, thanks.", "I hope they start with my street.",
                "mayorwatch", "Thanks, glad you liked it.", "kimp", "When is the next meeting?",
                "mayorwatch", "Next month, I think.", "benh", "I disagree with the plan."]


def test_a_pick_on_a_one_word_name_steps_back_to_the_first_one_at_the_comments_spacing():
    texts = ARTICLE + SCREEN_NAMED
    flags = furniture(texts)
    assert flags[5] and not flags[2]
    assert back_along_screen_names(texts, flags, 5) == 2
    far = ARTICLE + ["roadfan"] + ARTICLE * 3 + SCREEN_NAMED[3:]
    assert furniture(far)[9] and back_along_screen_names(far, furniture(far), 9) == 9  # a one-word line far above: the article's
