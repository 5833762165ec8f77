from classifier.thread_evidence import thread_evidence
from classifier.thread_features import line_features
from classifier.thread_reader_names import is_reader_name_cue, reader_identities

LONG = ("The council met on Tuesday and argued for three hours about money for the roads in the north, "
        "and members said the plan would cost more than the last one before the mayor promised a vote.")
ARTICLE = ["Roads plan passes after a long night", LONG, "A decision is expected next month."]
COMMENT = "I drive that road every day and nobody asked us about it."


def identities(texts):
    return reader_identities(texts, [row["furniture"] > 0 for row in line_features(texts)])


def evidence(texts):
    return thread_evidence(texts, [row["furniture"] > 0 for row in line_features(texts)])


def test_screen_names_and_profile_links_heading_comment_text_are_reader_identities():
    page = ARTICLE + ["RoadWarrior77", COMMENT, "http://twitter.com/annlee Ann Lee", COMMENT, "Torgo", COMMENT]
    assert identities(page) == [False] * 3 + [True, False, True, False, False, False]


def test_a_name_the_page_mentions_or_a_name_over_a_short_line_is_not_a_reader():
    brand = ["Five blog tools", LONG, "WordPress", "Every WordPress site needs a backup plugin like this one."]
    assert not any(identities(brand))
    assert not any(identities(ARTICLE + ["RoadWarrior77", "Keep dreaming!"]))


def test_a_screen_name_after_the_article_is_evidence_one_above_its_text_is_not():
    assert evidence(ARTICLE + ["RoadWarrior77", COMMENT]) == "a reader's screen name heading a comment after the article"
    assert evidence(["IBN7", LONG, "A decision is expected next month, the mayor said."]) is None


def test_the_first_reader_identity_is_marked_and_only_the_picker_weighs_it():
    page = ARTICLE + ["Torgo", COMMENT, "RoadWarrior77", COMMENT, "Ann_W", COMMENT]
    rows = line_features(page)
    assert [row["first_reader_identity"] for row in rows] == [0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert [row["below_first_reader_identity"] for row in rows] == [0, 0, 0, 0, 0, 0, 1, 1, 1]
    assert is_reader_name_cue("first_reader_identity") and not is_reader_name_cue("name_like")
