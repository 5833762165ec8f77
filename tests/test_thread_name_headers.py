from classifier.thread_features import line_features
from classifier.thread_name_headers import back_along_trailers

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
