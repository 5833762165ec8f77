from classifier.thread_features import line_features
from classifier.thread_signature_cues import CUES, add_signature_cues, is_signature_cue
from classifier.thread_training import examples, fit
from classifier.pages import Page

# An article with a dated list of its own (furniture of another signature), then a dated thread to the page's end.
ARTICLE = ["Tour dates for the autumn",
           "The band announced a long list of dates on Monday, with more to follow later in the year.",
           "November 9, 2012 Austin", "November 10, 2012 Dallas", "November 12, 2012 Denver",
           "Tickets go on sale on Friday morning at the usual places, and they will go fast this time."]
THREAD = ["Ann Lee October 3, 2012 at 8:02 pm", "Can't wait, I have been waiting for this all year!",
          "Bo Li October 4, 2012 at 9:15 am", "Why is there no date in the north again?",
          "Cy Moss October 4, 2012 at 10:40 am", "Thanks for posting the list, very useful."]


def cues(texts, furniture, ends=False):
    rows = [{} for _ in texts]
    add_signature_cues(texts, furniture, ends, rows)
    return rows


def test_the_first_line_of_the_last_signature_is_marked_and_the_articles_list_is_foreign():
    texts = ARTICLE + THREAD
    furniture = [t[:1].isupper() and ", 2012" in t for t in texts]
    rows = cues(texts, furniture)
    assert [i for i, row in enumerate(rows) if row["last_sig_head"]] == [6]
    assert [i for i, row in enumerate(rows) if row["foreign_sig_block"]] == [2]  # the list is one block
    assert rows[6]["last_sig_before_log"] == 0.0 and rows[7]["last_sig_before_log"] > 0.0
    assert rows[6]["foreign_furniture_before_log"] > rows[2]["foreign_furniture_before_log"] == 0.0
    assert not any(row["fa_last_sig_head"] for row in rows)  # the page does not end in furniture


def test_where_furniture_follows_each_comment_the_text_above_the_first_trailer_is_marked():
    texts = ["An article about roads that goes on for a while and then stops.", "Posted by Jo on May 1, 2012",
             "Great post, thanks!", "It really is.", "Posted by: Ann | May 2, 2012 at 10:00 AM",
             "I disagree with most of this.", "Posted by: Bo | May 3, 2012 at 11:00 AM"]
    furniture = [text.startswith("Posted") for text in texts]
    rows = cues(texts, furniture, ends=True)
    assert [i for i, row in enumerate(rows) if row["last_sig_text"]] == [2]
    assert rows[2]["fa_last_sig_text"] == 1.0


def test_a_signature_seen_once_gives_no_cue():
    rows = cues(["Some text here.", "Ann Lee October 3, 2012 at 8:02 pm", "Nice."], [False, True, False])
    assert not any(row[name] for row in rows for name in CUES if name != "foreign_furniture_before_log")


def test_line_features_carry_the_cues_without_neighbour_copies_and_the_detector_leaves_them_out():
    rows = line_features(ARTICLE + THREAD)
    assert all(name in rows[0] and "fa_" + name in rows[0] for name in CUES)
    assert not any(name.startswith(("before:", "after:")) and is_signature_cue(name.split(":", 1)[1]) for name in rows[0])
    pages = [Page(f"p{k}", ARTICLE + THREAD, len(ARTICLE) + 1) for k in range(3)]
    pages += [Page(f"n{k}", ARTICLE + [f"Plain closing line number {k} of the article."], None) for k in range(3)]
    model = fit(examples(pages))
    weights = dict(zip(model.names, zip(model.ranker, model.detector, model.picker)))
    assert all(weights[name][:2] == (0.0, 0.0) for name in CUES)  # the ranker and detector never see them
    assert any(weights[name][2] for name in CUES)  # the picker does
