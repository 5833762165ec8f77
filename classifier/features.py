"""The candidate feature sets: TF-IDF word and character n-grams, plus a few discourse cues."""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

URL = re.compile(r"https?://|www\.", re.I)
ADDRESSEE = re.compile(r"^(?:@\S+|[A-Z][\w.\-/]*(?: [A-Z][\w.\-]*)?,?)$")
GRATITUDE = re.compile(r"\b(?:thank|thanks|thx|appreciate|great (?:post|article|work|job))", re.I)


class DiscourseCues(BaseEstimator, TransformerMixin):
    """Dense cues a bag of n-grams misses: links, question marks, an addressee line, length."""

    CUES = ("has_url", "starts_with_url", "question_marks", "ends_with_question", "addressee_line",
            "quotes_someone", "gratitude", "log_length")

    def fit(self, texts, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, texts):
        rows = []
        for text in texts:
            lines = text.split("\n")
            rows.append((
                1.0 if URL.search(text) else 0.0,
                1.0 if URL.match(text) else 0.0,
                min(text.count("?"), 5) / 5,
                1.0 if text.rstrip().endswith("?") else 0.0,
                1.0 if len(lines) > 1 and ADDRESSEE.match(lines[0].strip()) else 0.0,
                1.0 if text[:1] in "\"“>" else 0.0,
                1.0 if GRATITUDE.search(text) else 0.0,
                np.log1p(len(text)) / 10,
            ))
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(-1, len(self.CUES)))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"cue:{name}" for name in self.CUES], dtype=object)


def word_ngrams():
    # URLs collapse to one token so a link counts as a link, whatever its address.
    return TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True,
                           preprocessor=_normalise, token_pattern=r"(?u)\b\w+\b|[?!]", dtype=np.float32)


def char_ngrams():
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                           preprocessor=_normalise, dtype=np.float32)


def _normalise(text: str) -> str:
    return URL.sub(" urltoken ", text.lower())


FEATURE_SETS = {
    "word": lambda: [("word", word_ngrams())],
    "word+cues": lambda: [("word", word_ngrams()), ("cues", DiscourseCues())],
    "char": lambda: [("char", char_ngrams())],
    "word+char": lambda: [("word", word_ngrams()), ("char", char_ngrams())],
    "word+char+cues": lambda: [("word", word_ngrams()), ("char", char_ngrams()), ("cues", DiscourseCues())],
}


def build_pipeline(features: str, C: float, seed: int) -> Pipeline:
    """TF-IDF features named by `features`, then a class-balanced logistic regression."""
    if features not in FEATURE_SETS:
        raise ValueError(f"unknown feature set {features!r}; choose from {sorted(FEATURE_SETS)}")
    parts = FEATURE_SETS[features]()
    vectoriser = parts[0][1] if len(parts) == 1 else FeatureUnion(parts)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)
    return Pipeline([("features", vectoriser), ("model", model)])


def _vectorisers(pipeline):
    features = pipeline.named_steps["features"]
    parts = features.transformer_list if isinstance(features, FeatureUnion) else [("only", features)]
    return [(name, part) for name, part in parts]


def describe(pipeline) -> dict:
    """JSON-ready parameters of every feature extractor and of the model."""

    def plain(params: dict) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in sorted(params.items())
                if isinstance(v, (str, int, float, bool, tuple, type(None)))}

    return {"features": {name: {"type": type(part).__name__, **plain(part.get_params(deep=False))}
                         for name, part in _vectorisers(pipeline)},
            "model": {"type": type(pipeline.named_steps["model"]).__name__,
                      **plain(pipeline.named_steps["model"].get_params(deep=False))}}


def drop_run_state(pipeline):
    """Clear state that differs between identical runs, so the same inputs give the same bytes."""
    for _, part in _vectorisers(pipeline):
        # scikit-learn remembers id(stop_words), a memory address, only to skip a re-check.
        if hasattr(part, "_stop_words_id"):
            part._stop_words_id = None
    return pipeline
