"""Fit the thread-start model on pages whose thread start is known, and measure it on pages it did not see.

The truth is each page's `thread_start` (Dragnet's own separator); a page with None has no thread.
Held-out and reserved pages must be left out by the caller (see cli.train_thread_model).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ClassifierError
from .pages import Page
from .thread_rules import corrected_start
from .thread_features import line_features
from .thread_model import RANKING_FEATURES, ThreadStartModel, detector_row
from .thread_neighbours import is_neighbour_feature
from .thread_reader_names import is_reader_name_cue
from .thread_signature_cues import is_signature_cue

SEED = 0
RANKER_C = 10.0
DETECTOR_C = 1.0
MAX_THREADLESS_SHARE = 0.01  # detector threshold: at most this share of thread-less training pages fire


@dataclass(frozen=True)
class Example:
    name: str
    rows: list[dict[str, float]]
    truth: int | None  # index of the thread's first non-blank line, None: no thread
    texts: tuple[str, ...] = ()  # the non-blank lines, for the post-pick corrections (thread_rules)


@dataclass(frozen=True)
class Figures:
    thread_pages: int
    start_exact: int
    threadless_pages: int
    threadless_found: int


def examples(pages: list[Page]) -> list[Example]:
    """One example per page: features of its non-blank lines and the index of the true start."""
    found = []
    for page in pages:
        numbers = [n for n, line in enumerate(page.lines, 1) if line.strip()]
        if not numbers:
            continue
        truth = None
        if page.thread_start is not None:
            after = [i for i, n in enumerate(numbers) if n >= page.thread_start]
            if not after:
                continue  # a separator with nothing after it: no line to learn
            truth = after[0]
        texts = tuple(page.lines[n - 1].strip() for n in numbers)
        found.append(Example(page.name, line_features(list(texts)), truth, texts))
    return found


def _matrix(rows, names):
    import numpy as np

    return np.array([[row[n] for n in names] for row in rows], dtype=float)


def _pairwise_ranker(train: list[Example], features: tuple[str, ...]) -> list[float]:
    """Pairwise logistic regression: true start minus every other line of its page, each page weighing the same."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    differences, weights = [], []
    for example in train:
        if example.truth is None or len(example.rows) < 2:
            continue
        lines = _matrix(example.rows, features)
        diff = lines[example.truth] - np.delete(lines, example.truth, axis=0)
        differences.append(diff)
        weights.append(np.full(len(diff), 1.0 / len(diff)))
    pairs, pair_weights = np.vstack(differences), np.concatenate(weights)
    ranker = LogisticRegression(C=RANKER_C, fit_intercept=False, max_iter=5000)
    ranker.fit(np.vstack([pairs, -pairs]), np.r_[np.ones(len(pairs)), np.zeros(len(pairs))],
               sample_weight=np.r_[pair_weights, pair_weights])
    return [float(c) for c in ranker.coef_[0]]


def fit(train: list[Example]) -> ThreadStartModel:
    """Ranker and picker: pairwise rankers (the ranker over each line's own features, the picker over those
    and its neighbours'). Detector: class-balanced logistic regression on the ranker's pick per page, over
    the same features as the ranker, so the picker changes where a thread starts but not whether there is one."""
    from sklearn.linear_model import LogisticRegression

    features = tuple(sorted(train[0].rows[0]))
    own = tuple(n for n in features
                if not is_neighbour_feature(n) and not is_signature_cue(n) and not is_reader_name_cue(n))
    ranker = dict(zip(own, _pairwise_ranker(train, own)))
    names = features + RANKING_FEATURES
    ranks = tuple(ranker.get(n, 0.0) for n in names)
    picker = tuple(_pairwise_ranker(train, features)) + (0.0,) * len(RANKING_FEATURES)
    draft = ThreadStartModel(names, ranks, (0.0,) * len(names), 0.0, float("-inf"))
    picks = [_detector_row(draft, example) for example in train]
    labels = [example.truth is not None for example in train]
    detected = own + RANKING_FEATURES
    detector = LogisticRegression(C=DETECTOR_C, class_weight="balanced", max_iter=5000, random_state=SEED)
    detector.fit(_matrix(picks, detected), labels)
    scores = detector.decision_function(_matrix(picks, detected))
    threadless = sorted((s for s, has in zip(scores, labels) if not has), reverse=True)
    allowed = int(MAX_THREADLESS_SHARE * len(threadless))
    threshold = float(threadless[allowed] + 1e-6) if threadless else 0.0
    weights = dict(zip(detected, detector.coef_[0]))
    return ThreadStartModel(names, ranks, tuple(float(weights.get(n, 0.0)) for n in names),
                            float(detector.intercept_[0]), threshold, picker)


def _pick(model: ThreadStartModel, example: Example) -> int:
    """The ranker's pick: the line the detector judges (the picker only places the start afterwards)."""
    scores = model.rank_scores(example.rows)
    return max(range(len(scores)), key=lambda i: (scores[i], -i))


def _detector_row(model: ThreadStartModel, example: Example) -> dict[str, float]:
    return detector_row(example.rows, model.rank_scores(example.rows), _pick(model, example), list(example.texts))


def measure(model: ThreadStartModel, test: list[Example]) -> Figures:
    exact = found = 0
    for example in test:
        best = model.pick(example.rows, model.rank_scores(example.rows))
        if example.texts:  # the start find_thread reports (thread_model.best_line)
            best = corrected_start(list(example.texts), example.rows, best)
        fires = model.fires(_detector_row(model, example), list(example.texts), example.rows)
        if example.truth is None:
            found += fires
        else:
            exact += fires and best == example.truth
    threads = sum(e.truth is not None for e in test)
    return Figures(threads, exact, len(test) - threads, found)


def fold_members(count: int, folds: int, site_blocks: bool = False) -> list[set[int]]:
    """Each fold's example indices: a seeded shuffle dealt round, or with `site_blocks` runs of neighbouring
    indices (pages in name order, so roughly one site a run: a sterner test of how a model does on new sites)."""
    import random

    if site_blocks:
        return [{i for i in range(count) if i * folds // count == fold} for fold in range(folds)]
    order = list(range(count))
    random.Random(SEED).shuffle(order)
    return [set(order[fold::folds]) for fold in range(folds)]


def cross_validate(data: list[Example], folds: int = 5, site_blocks: bool = False) -> Figures:
    """Page-grouped k-fold: every page is scored by a model fitted without it (see fold_members)."""
    totals = [0, 0, 0, 0]
    for test_ids in fold_members(len(data), folds, site_blocks):
        model = fit([e for i, e in enumerate(data) if i not in test_ids])
        figures = measure(model, [e for i, e in enumerate(data) if i in test_ids])
        totals = [a + b for a, b in zip(totals, (figures.thread_pages, figures.start_exact,
                                                 figures.threadless_pages, figures.threadless_found))]
    return Figures(*totals)


def development_pages(archive=None) -> list[Page]:
    """Dragnet pages for training: reserved pages (skipped by the loader) and splitter-held-out pages left out."""
    from .dragnet import read_archive
    from .split_report import heldout_pages

    held = heldout_pages()
    return [page for page in read_archive(archive).values() if page.name not in held]


def train_thread_model(pages: list[Page], folds: int = 5, site_blocks: bool = False) -> tuple[ThreadStartModel, Figures]:
    """The model fitted on all `pages` (in name order), and its page-grouped cross-validated figures."""
    data = examples(pages)
    if sum(e.truth is not None for e in data) < folds or sum(e.truth is None for e in data) < folds:
        raise ClassifierError(f"need at least {folds} pages with a thread and {folds} without to train and "
                              f"cross-validate, got {len(data)} pages; pass fewer --folds or more pages")
    return fit(data), cross_validate(data, folds, site_blocks)
