"""Checks on the real label store and the committed default model; they need ../shared (CI has it)."""

import json
import random
import subprocess
from collections import Counter

import pytest

from classifier import dragnet
from classifier.labels import LABELS, load_labels
from classifier.sources import PageSource

from conftest import REPO, SHARED

ARCHIVE = SHARED / "corpora" / "dragnet" / dragnet.ARCHIVE_NAME
pytestmark = pytest.mark.skipif(not ARCHIVE.is_file(), reason=f"needs the Dragnet archive at {ARCHIVE}")


@pytest.fixture(scope="module")
def store():
    return load_labels(REPO / "labels", PageSource(REPO / "seeds", archive=ARCHIVE))


def test_label_store_is_consistent_and_large_enough(store):
    counts = Counter(c.label for c in store)
    dragnet_pages = {c.page for c in store if c.page.startswith("dragnet/")}
    assert sum(c.page.startswith("dragnet/") for c in store) >= 2000
    assert len(dragnet_pages) >= 120
    assert all(counts[label] >= 100 for label in LABELS), counts


def test_no_reserved_page_is_labelled():
    reserved = {l.split(".")[0] for l in (SHARED / "corpora/dragnet/reserved.txt").read_text().split()}
    named = {json.loads(line)["page"].split("/")[-1]
             for path in (REPO / "labels").rglob("*.jsonl") for line in path.read_text().splitlines() if line.strip()}
    assert not reserved & named


def test_no_dragnet_text_is_committed(store):
    pages = dragnet.read_archive(ARCHIVE)
    lines = [l.strip() for p in pages.values() for l in p.lines if 80 <= len(l.strip()) <= 300]
    random.seed(3)
    sample = random.sample(lines, 400)
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True).stdout.split()
    if not files:
        pytest.skip("not a git checkout")
    blob = "\n".join((REPO / f).read_text(encoding="utf-8", errors="ignore") for f in files if (REPO / f).is_file())
    assert not [s for s in sample if s[:70] in blob]


def test_default_model_was_trained_on_these_labels(store):
    from classifier.dataset import to_dataset
    from classifier.train import labels_fingerprint

    card = json.loads((REPO / "models" / "default.json").read_text())
    assert card["labels_fingerprint"] == labels_fingerprint(to_dataset(store))
    assert len(card["out_of_fold"]) == len(store)


def test_thread_start_weights_regenerate_byte_identically():
    from classifier.thread_model import WEIGHTS_PATH
    from classifier.thread_training import development_pages, examples, fit

    assert fit(examples(development_pages(ARCHIVE))).to_json() == WEIGHTS_PATH.read_text(encoding="utf-8")
