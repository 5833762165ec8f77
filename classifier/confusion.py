"""Where a model goes wrong: its out-of-fold confusion matrix and the comments behind a cell."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ClassifierError
from .labels import LABELS_DIR, load_labels
from .sources import PageSource


@dataclass
class CellExample:
    id: str
    page: str
    start_line: int
    end_line: int
    probabilities: dict
    text: str | None


def parse_cell(cell: str, labels: list[str]) -> tuple[str, str]:
    """'rebuttal:other' -> ('rebuttal', 'other'), naming the bad part when it is wrong."""
    true, sep, predicted = cell.partition(":")
    if not sep:
        raise ClassifierError(f"--examples takes TRUE:PRED such as question:other, got {cell!r}")
    for value in (true, predicted):
        if value not in labels:
            raise ClassifierError(f"unknown label {value!r} in --examples; use labels from {', '.join(labels)}")
    return true, predicted


def cell_examples(card: dict, cell: str, labels_path=None, source: PageSource | None = None) -> list[CellExample]:
    """The out-of-fold predictions in one cell, with their text where the pages can be read."""
    true, predicted = parse_cell(cell, card["labels"])
    rows = [r for r in card["out_of_fold"] if r["true"] == true and r["predicted"] == predicted]
    texts: dict[str, str] = {}
    if rows:
        try:
            texts = {c.id: c.text for c in load_labels(labels_path or LABELS_DIR, source)}
        except ClassifierError:
            texts = {}  # Pages not at hand: show spans instead of text.
    rows.sort(key=lambda r: -r["probabilities"][predicted])
    return [CellExample(r["id"], r["page"], r["start_line"], r["end_line"], r["probabilities"], texts.get(r["id"]))
            for r in rows]


def write_heatmap(card: dict, path: str | Path) -> Path:
    """A labelled heatmap: rows are the true labels, colour is the share of the row, cells show counts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    labels = card["confusion"]["labels"]
    counts = np.asarray(card["confusion"]["matrix"])
    shares = counts / np.maximum(counts.sum(1, keepdims=True), 1)
    fig, ax = plt.subplots(figsize=(7.5, 6.2), dpi=120)
    image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(labels)), [f"{l} ({counts[i].sum()})" for i, l in enumerate(labels)])
    ax.set_xlabel("predicted label")
    ax.set_ylabel("true label (support)")
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, f"{counts[i, j]}\n{shares[i, j]:.0%}", ha="center", va="center", fontsize=9,
                    color="white" if shares[i, j] > 0.55 else "black")
    fig.colorbar(image, ax=ax, label="share of the true label's comments")
    ax.set_title(f"{card.get('name', 'model')}: out-of-fold confusion, macro-F1 {card['macro_f1']:.3f}")
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp)
    plt.close(fig)
    tmp.replace(path)
    return path
