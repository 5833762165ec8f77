"""Fit the comment-boundary model on the hand segmentation, measure it by page-grouped cross-validation,
and write its weights as JSON. Run: `python -m classifier.boundary_training [--cv] [--out PATH]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .boundary_decode import TAGS, groups_from_tags, with_previous
from .boundary_model import MODEL_PATH, line_features, split_groups
from .labels import LABELS_DIR, label_files, load_labels
from .pages import Page
from .split_report import gold_by_page, heldout_pages
from .split_rules import rule_groups
from .splitter import has_layout, thread_from
from .sources import PageSource

SEED = 0
C = 0.5
FOLDS = 5
SEQUENCE = True  # score each line given the tag before it, decode by Viterbi


def training_pages(labels_dir=LABELS_DIR, source: PageSource | None = None) -> list[tuple[Page, object, dict[int, str]]]:
    """(page, thread from its true start, true tag of each non-blank thread line) for every hand-segmented page."""
    source = source or PageSource()
    held = heldout_pages()
    out = []
    # Held-out label files (labels/dragnet/heldout-*.jsonl) are never read for training.
    files = [f for f in label_files(labels_dir) if not f.name.startswith("heldout-")]
    labelled = [c for f in files for c in load_labels(f, source)]
    for name, comments in sorted(gold_by_page(labelled).items()):
        if name in held:
            continue
        page = source.get(name)
        first = min(c.start_line for c in comments)
        start = page.thread_start if page.thread_start is not None else first
        thread = thread_from(page, min(start, first))
        starts = {c.start_line for c in comments}
        inside = {n for c in comments for n in range(c.start_line, c.end_line + 1)}
        tags = {n: "B" if n in starts else "I" if n in inside else "O"
                for n in range(thread.start, thread.end + 1) if page.lines[n - 1].strip()}
        out.append((page, thread, tags))
    return out


def fit(examples) -> dict:
    """Weights fitted on (page, thread, tags) examples, as the JSON-ready model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, ys = [], []
    for page, thread, tags in examples:
        features = line_features(page, thread)
        previous = "S"
        for n in sorted(tags):
            feats = with_previous(features[n], previous) if SEQUENCE else features[n]
            rows.append({f: 1 for f in feats})
            ys.append(tags[n])
            previous = tags[n]
    vectorizer = DictVectorizer(sort=True)
    X = vectorizer.fit_transform(rows)
    clf = LogisticRegression(C=C, max_iter=2000, random_state=SEED).fit(X, ys)
    order = [list(clf.classes_).index(t) for t in TAGS]
    names = vectorizer.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        row = [round(float(clf.coef_[k, j]), 4) for k in order]
        if any(row):
            weights[str(name)] = row
    return {"tags": list(TAGS), "C": C, "sequence": SEQUENCE, "intercept": [round(float(clf.intercept_[k]), 4) for k in order],
            "weights": dict(sorted(weights.items()))}


def model_json(model: dict) -> str:
    """The model as JSON with one feature a line, so a retrained model diffs readably."""
    head = {key: value for key, value in model.items() if key != "weights"}
    rows = [f"{json.dumps(name)}: {json.dumps(row)}" for name, row in model["weights"].items()]
    return json.dumps(head, sort_keys=True)[:-1] + ', "weights": {\n' + ",\n".join(rows) + "\n}}\n"


def score(examples, groups_of) -> dict[str, float]:
    """Exact comments, boundary precision and recall of `groups_of(page, thread)` against the tags."""
    gold = found_n = exact = true_b = found_b = matched = 0
    for page, thread, tags in examples:
        truth = {(g[0], g[-1]) for g in groups_from_tags(tags)}
        found = {(g[0], g[-1]) for g in groups_of(page, thread)}
        gold += len(truth)
        found_n += len(found)
        exact += len(truth & found)
        tb, fb = {s for s, _ in truth}, {s for s, _ in found}
        true_b, found_b, matched = true_b + len(tb), found_b + len(fb), matched + len(tb & fb)
    return {"comments": gold, "exact": exact, "exact_share": exact / gold,
            "precision": matched / found_b, "recall": matched / true_b}


def cross_validate(examples, folds: int = FOLDS, blocks: bool = False) -> dict[str, dict[str, float]]:
    """Model against rules on pages the model was not trained on (folds grouped by page).

    With `blocks`, each fold is a run of neighbouring page names (pages of one site tend to have
    neighbouring ids), a stricter test of how the model does on sites it has not seen.
    """
    def fold_of(i):
        return i * folds // len(examples) if blocks else i % folds

    model_groups: dict[str, list[list[int]]] = {}
    for k in range(folds):
        model = fit([e for i, e in enumerate(examples) if fold_of(i) != k])
        for i, (page, thread, _) in enumerate(examples):
            if fold_of(i) == k:
                model_groups[page.name] = _groups(page, thread, model)
    return {"model": score(examples, lambda page, thread: model_groups[page.name]),
            "rules": score(examples, rule_groups),
            "shipped (model, rules where no layout)": score(
                examples, lambda page, thread: model_groups[page.name] if has_layout(page, thread) else rule_groups(page, thread)),
            "pages with furniture, model": score([e for e in examples if e[1].has_furniture],
                                                 lambda page, thread: model_groups[page.name]),
            "pages with furniture, rules": score([e for e in examples if e[1].has_furniture], rule_groups),
            "pages without, model": score([e for e in examples if not e[1].has_furniture],
                                          lambda page, thread: model_groups[page.name]),
            "pages without, rules": score([e for e in examples if not e[1].has_furniture], rule_groups)}


def _groups(page, thread, model):
    return split_groups(page, thread, model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv", action="store_true", help="print page-grouped cross-validation figures")
    parser.add_argument("--out", type=Path, default=None, help=f"write the fitted model (default: {MODEL_PATH})")
    args = parser.parse_args()
    examples = training_pages()
    if args.cv:
        for blocks in (False, True):
            for name, figures in cross_validate(examples, blocks=blocks).items():
                print(f"{'site-block' if blocks else 'page'} folds, {name}: {figures['exact']}/{figures['comments']} exact ({figures['exact_share']:.1%}), "
                  f"P {figures['precision']:.3f} R {figures['recall']:.3f}")
    if args.out or not args.cv:
        out = args.out or MODEL_PATH
        tmp = out.with_suffix(".tmp")
        tmp.write_text(model_json(fit(examples)), encoding="utf-8")
        tmp.replace(out)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
