import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from classifier.fastvec import compile_model, counter_for
from classifier.features import build_pipeline

TRAIN = ["Thanks so much, great post!", "Where can I buy one?", "You are wrong, it was 2009.",
         "http://example.com/story worth a look", "We went there in 2010 and loved it.",
         "Ann,\nI agree with you.", "Why? Why not!", "Great article, thank you.", "No, the bridge never closed.",
         "See www.example.org/data for more"] * 2
LABELS = [0, 1, 1, 2, 4, 4, 0, 3, 1, 2] * 2
PIECES = st.sampled_from(list("abcdeéßİ thanks?!.,\n\t\u00a0'\"-:/") + ["http://x.io/y ", "www.", "great post", "Ann,\n",
                                                                      "thank", "2009", "  "])
TEXTS = st.lists(PIECES, max_size=25).map("".join)


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline("word+char+cues", C=2.0, seed=13).fit(TRAIN, LABELS)


def test_every_tfidf_part_gets_a_fast_counter(pipeline):
    parts = dict(pipeline.named_steps["features"].transformer_list)
    assert counter_for(parts["word"]) is not None and counter_for(parts["char"]) is not None
    assert counter_for(parts["cues"]) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(TEXTS, st.text(max_size=60)), min_size=1, max_size=12))
def test_fast_features_equal_scikit_learns_bit_for_bit(pipeline, texts):
    expected = pipeline.named_steps["features"].transform(texts).tocsr()
    got = compile_model(pipeline).transform(texts).tocsr()
    assert np.array_equal(expected.indptr, got.indptr) and np.array_equal(expected.indices, got.indices)
    assert np.array_equal(expected.data, got.data)
    assert np.array_equal(pipeline.predict_proba(texts), compile_model(pipeline).fast_predict_proba(texts))


def test_the_word_cache_is_not_pickled_and_still_works_after(pipeline):
    import pickle

    model = compile_model(pipeline)
    model.fast_predict_proba(TRAIN)
    copy = pickle.loads(pickle.dumps(model))
    assert all(not getattr(c, "words", {}) for _, _, c in copy.parts if c is not None)
    assert np.array_equal(copy.fast_predict_proba(TRAIN[:3]), pipeline.predict_proba(TRAIN[:3]))
