"""Write the labelled set, with text resolved from the pages, through its `datasets.Dataset`."""

from __future__ import annotations

import os
from pathlib import Path

from .dataset import to_dataset
from .errors import ClassifierError
from .labels import load_labels
from .sources import PageSource


def export_labels(labels, source: PageSource, out: str | Path, fmt: str, force: bool = False) -> int:
    """Export to jsonl, csv or parquet (label as its name); returns the number of rows written."""
    out = Path(out)
    if out.exists() and not force:
        raise ClassifierError(f"{out} already exists; pass --force to replace it")
    if fmt not in {"jsonl", "csv", "parquet"}:
        raise ClassifierError(f"unknown export format {fmt!r}; use jsonl, csv or parquet")
    dataset = to_dataset(load_labels(labels, source))
    names = dataset.features["label"].names
    dataset = dataset.map(lambda row: {"label_name": names[row["label"]]}).remove_columns("label")
    dataset = dataset.rename_column("label_name", "label")
    if fmt == "csv":
        dataset = dataset.map(lambda row: {"also": ",".join(row["also"])})
    tmp = out.with_name(f".{out.name}.tmp")
    writer = {"jsonl": lambda p: dataset.to_json(p, lines=True, force_ascii=False),
              "csv": lambda p: dataset.to_csv(p, index=False),
              "parquet": lambda p: dataset.to_parquet(p)}[fmt]
    try:
        writer(str(tmp))
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return dataset.num_rows
