"""Hand labels as a Hugging Face `datasets.Dataset`, the form training and export go through."""

from __future__ import annotations

from .labels import LABELS, LabelledComment


def to_dataset(comments: list[LabelledComment]):
    """One row per labelled comment; `label` is a ClassLabel over the five acts."""
    from datasets import ClassLabel, Dataset, Features, Sequence, Value

    features = Features({
        "id": Value("string"), "page": Value("string"), "start_line": Value("int32"),
        "end_line": Value("int32"), "text": Value("string"), "label": ClassLabel(names=list(LABELS)),
        "also": Sequence(Value("string")),
    })
    rows = {
        "id": [c.id for c in comments], "page": [c.page for c in comments],
        "start_line": [c.start_line for c in comments], "end_line": [c.end_line for c in comments],
        "text": [c.text for c in comments], "label": [LABELS.index(c.label) for c in comments],
        "also": [list(c.also) for c in comments],
    }
    return Dataset.from_dict(rows, features=features)
