import json

import numpy as np
import pytest

from classifier.errors import ClassifierError
from classifier.labels import LABELS, load_labels
from classifier.dataset import to_dataset
from classifier.models import load_model, save_model
from classifier.sources import PageSource
from classifier.train import feature_sets_for, folds_for, train



def run(store, seed=13):
    return train(store["labels"], PageSource(store["pages"]), seed=seed, feature_sets=("word",), c_grid=())


def test_labels_become_a_dataset_with_a_classlabel(labelled_store):
    dataset = to_dataset(load_labels(labelled_store["labels"], PageSource(labelled_store["pages"])))
    assert dataset.features["label"].names == list(LABELS)
    assert dataset.num_rows == 30 and dataset.features["label"].int2str(dataset[0]["label"]) == "question"


def test_training_is_deterministic(labelled_store, tmp_path):
    first, second = run(labelled_store), run(labelled_store)
    assert json.dumps(first.card, sort_keys=True) == json.dumps(second.card, sort_keys=True)
    a = save_model(first.pipeline, first.card, "a", tmp_path)
    b = save_model(second.pipeline, second.card, "b", tmp_path)
    assert a.read_bytes() == b.read_bytes()


def test_card_describes_the_model(labelled_store):
    card = run(labelled_store).card
    assert card["label_counts"] == {label: 6 for label in LABELS}
    assert card["cross_validation"]["method"] == "StratifiedGroupKFold"
    assert len(card["out_of_fold"]) == 30 and len(card["confusion"]["matrix"]) == 5
    row = card["out_of_fold"][0]
    assert abs(sum(row["probabilities"].values()) - 1) < 1e-3 and row["true"] in LABELS
    assert set(card["per_class"]) == set(LABELS) and 0 <= card["macro_f1"] <= 1


def test_few_pages_fall_back_to_stratified_folds_and_say_so():
    y = np.array([0, 0, 1, 1, 2, 2, 0, 1])
    folds, cv = folds_for(y, ["one.txt"] * 8, seed=1)
    assert cv["method"] == "StratifiedKFold" and "too few" in cv["note"]
    assert sorted(np.concatenate([test for _, test in folds]).tolist()) == list(range(8))


def test_saved_model_is_checked_against_its_card(labelled_store, tmp_path):
    result = run(labelled_store)
    path = save_model(result.pipeline, result.card, "m", tmp_path)
    pipeline, card = load_model("m", tmp_path)
    assert card["model_sha256"] and pipeline.predict(["thanks, great post"]).shape == (1,)
    with pytest.raises(ClassifierError, match="already exists; pass --force"):
        save_model(result.pipeline, result.card, "m", tmp_path)
    path.write_bytes(path.read_bytes() + b"x")
    with pytest.raises(ClassifierError, match="does not match the sha256"):
        load_model("m", tmp_path)


def test_unknown_feature_set_is_named():
    assert feature_sets_for(["word", "char"]) == ("word", "char")
    with pytest.raises(ClassifierError, match="'bigrams'"):
        feature_sets_for(["bigrams"])


def test_separate_processes_write_identical_model_files(labelled_store, tmp_path):
    import os
    import subprocess
    import sys

    digests = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"run{hash_seed}"
        command = ["train", "--labels", labelled_store["labels"], "--pages", labelled_store["pages"],
                   "--models-dir", out, "--features", "word+cues", "--name", "m"]
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "classifier", *map(str, command)], check=True, env=env,
                       capture_output=True)
        card = json.loads((out / "m.json").read_text())
        card.pop("created")
        digests.append(((out / "m.joblib").read_bytes(), card))
    assert digests[0] == digests[1]
