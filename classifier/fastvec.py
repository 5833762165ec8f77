"""The model's own TF-IDF features, computed faster and exactly: same matrix, same probabilities.

scikit-learn counts n-grams in a Python loop, one n-gram at a time: on ~300-character comments the
default model's character 2-5-grams cost ~1,400 n-gram look-ups a comment (~700 comments/s). Here a
character n-gram vectoriser remembers each word's in-vocabulary n-grams (char_wb n-grams never
cross words), and a word 1-2-gram vectoriser looks tokens up once and finds bigrams by pairs of
token ids with numpy. Both give the count matrix scikit-learn would; the fitted TF-IDF step then
weights it. Anything else falls back to scikit-learn. tests/test_fastvec.py checks equality.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
from scipy import sparse

VERSION = 1  # part of the model cache key: bump when the compiled form changes
WORD_CACHE_LIMIT = 200_000  # words remembered by a char n-gram counter before it starts afresh


def _counts(docs: np.ndarray, features: np.ndarray, n_docs: int, n_features: int, dtype):
    """CSR document-term counts, indices sorted as scikit-learn leaves them."""
    matrix = sparse.csr_array((np.ones(len(features), dtype=dtype), (docs, features)), shape=(n_docs, n_features))
    matrix.sum_duplicates()
    return matrix


class CharWordCounter:
    """char_wb n-gram counts: (comment x word counts) @ (word x n-gram counts), each word's row cached."""

    def __init__(self, vectoriser):
        self.vectoriser = vectoriser
        self.vocabulary = vectoriser.vocabulary_
        self.preprocess = vectoriser.build_preprocessor()
        self.words: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def __getstate__(self):
        return {**self.__dict__, "words": {}}

    def _word(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        vocabulary = self.vocabulary
        ids = [vocabulary[g] for g in self.vectoriser._char_wb_ngrams(word) if g in vocabulary]
        if len(self.words) >= WORD_CACHE_LIMIT:
            self.words.clear()  # memory stays flat on an endless stream of new words
        found = self.words[word] = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
        return found

    def __call__(self, texts: list[str]):
        """Counts for already preprocessed texts."""
        spaces = self.vectoriser._white_spaces
        local: dict[str, int] = {}
        occurrences, lengths = [], []
        for text in texts:
            words = spaces.sub(" ", text).split()
            occurrences.extend([local.setdefault(w, len(local)) for w in words])
            lengths.append(len(words))
        dtype = self.vectoriser.dtype
        docs = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        by_word = _counts(docs, np.asarray(occurrences, dtype=np.int64), len(texts), len(local), dtype)
        cache = self.words
        rows = [cache.get(w) or self._word(w) for w in local]
        ngrams = sparse.csr_array(
            (np.concatenate([c for _, c in rows]).astype(dtype) if rows else np.zeros(0, dtype),
             np.concatenate([i for i, _ in rows]) if rows else np.zeros(0, dtype=np.int64),
             np.concatenate([[0], np.cumsum([len(i) for i, _ in rows], dtype=np.int64)])),
            shape=(len(local), len(self.vocabulary)))
        matrix = (by_word @ ngrams).tocsr()
        matrix.sort_indices()  # products of whole counts: exact, so the same values scikit-learn counts
        return matrix


class WordBigramCounter:
    """Word 1-2-gram counts: one dict look-up per token, bigrams found by sorted pairs of token ids."""

    def __init__(self, vectoriser):
        self.vectoriser = vectoriser
        self.preprocess = vectoriser.build_preprocessor()
        self.tokenize = vectoriser.build_tokenizer()
        vocabulary = vectoriser.vocabulary_
        unigrams = sorted(f for f in vocabulary if " " not in f)
        self.token_id = {token: i for i, token in enumerate(unigrams)}
        self.unigram_feature = np.asarray([vocabulary[t] for t in unigrams], dtype=np.int64)
        size = len(unigrams)
        pairs = sorted((self.token_id[a] * size + self.token_id[b], vocabulary[f"{a} {b}"])
                       for a, b in (f.split(" ") for f in vocabulary if " " in f))
        self.pair_keys = np.asarray([k for k, _ in pairs], dtype=np.int64)
        self.pair_feature = np.asarray([f for _, f in pairs], dtype=np.int64)
        self.n_features = len(vocabulary)

    @staticmethod
    def applies_to(vectoriser) -> bool:
        """Every vocabulary bigram's two words are in the vocabulary, which holds when nothing pruned them."""
        if vectoriser.analyzer != "word" or tuple(vectoriser.ngram_range) not in ((1, 1), (1, 2)):
            return False
        if vectoriser.stop_words is not None or vectoriser.max_features is not None or vectoriser.max_df != 1.0:
            return False
        if vectoriser.tokenizer is not None or vectoriser.vocabulary is not None:
            return False
        vocabulary = vectoriser.vocabulary_
        for feature in vocabulary:
            if " " in feature:
                parts = feature.split(" ")
                if len(parts) != 2 or parts[0] not in vocabulary or parts[1] not in vocabulary:
                    return False
        return True

    def __call__(self, texts: list[str]):
        """Counts for already preprocessed texts."""
        tokenize, token_id = self.tokenize, self.token_id
        ids, lengths = [], []
        for text in texts:
            tokens = tokenize(text)
            ids.extend(map(token_id.get, tokens, repeat(-1)))
            lengths.append(len(tokens))
        ids = np.asarray(ids, dtype=np.int64)
        docs = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        known = ids >= 0
        features, owners = [self.unigram_feature[ids[known]]], [docs[known]]
        if len(self.pair_keys) and len(ids) > 1:
            pair = known[:-1] & known[1:] & (docs[:-1] == docs[1:])
            keys = ids[:-1][pair] * len(self.token_id) + ids[1:][pair]
            where = np.minimum(np.searchsorted(self.pair_keys, keys), len(self.pair_keys) - 1)
            hit = self.pair_keys[where] == keys
            features.append(self.pair_feature[where[hit]])
            owners.append(docs[:-1][pair][hit])
        return _counts(np.concatenate(owners), np.concatenate(features), len(texts), self.n_features,
                       self.vectoriser.dtype)


def counter_for(vectoriser):
    """A fast exact counter for a fitted Count/TfidfVectorizer, or None to use scikit-learn's."""
    from sklearn.feature_extraction.text import CountVectorizer

    if not isinstance(vectoriser, CountVectorizer) or vectoriser.input != "content" or vectoriser.binary:
        return None
    if vectoriser.analyzer == "char_wb" and vectoriser.vocabulary is None:
        return CharWordCounter(vectoriser)
    if WordBigramCounter.applies_to(vectoriser):
        return WordBigramCounter(vectoriser)
    return None


class CompiledModel:
    """A fitted Pipeline(features, model) whose TF-IDF parts count n-grams the fast way."""

    def __init__(self, pipeline):
        from sklearn.pipeline import FeatureUnion

        self.pipeline = pipeline
        self.classes_ = pipeline.classes_
        self.model = pipeline.steps[-1][1]
        features = pipeline.steps[0][1]
        self.union = features if isinstance(features, FeatureUnion) else None
        parts = [(t, w) for _, t, w in features._iter()] if self.union is not None else [(features, None)]
        self.parts = [(part, weight, counter_for(part)) for part, weight in parts]

    def transform(self, texts: list[str]):
        blocks, preprocessed = [], {}
        for part, weight, counter in self.parts:
            if counter is None:
                block = part.transform(texts)
            else:
                # Parts that share a preprocessor (ours: URLs -> urltoken, lower case) run it once.
                key = id(counter.preprocess)
                if key not in preprocessed:
                    preprocessed[key] = [counter.preprocess(text) for text in texts]
                block = counter(preprocessed[key])
                block = part._tfidf.transform(block, copy=False) if hasattr(part, "_tfidf") else block
            blocks.append(block if weight is None else block * weight)
        return self.union._hstack(blocks) if self.union is not None else blocks[0]

    def fast_predict_proba(self, texts: list[str]):
        return self.model.predict_proba(self.transform(texts))

    def predict_proba(self, texts: list[str]):
        return self.pipeline.predict_proba(texts)


def compile_model(pipeline) -> CompiledModel:
    return CompiledModel(pipeline)
