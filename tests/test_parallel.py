import json

import pytest

from classifier.inputs import RawBatch
from classifier.labels import LABELS
from classifier.model_cache import model_ref
from classifier.models import save_model
from classifier.parallel import score_batches
from classifier.sources import PageSource
from classifier.train import train


@pytest.fixture
def ref(labelled_store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    result = train(labelled_store["labels"], PageSource(labelled_store["pages"]), feature_sets=("word",), c_grid=())
    save_model(result.pipeline, result.card, "tiny", tmp_path / "models")
    return model_ref("tiny", tmp_path / "models")[0]


def batches(count, consumed):
    for number in range(count):
        consumed.append(number)
        lines = [json.dumps({"text": f"comment {number}-{i}, thanks?"}).encode() + b"\n" for i in range(5)]
        yield RawBatch("in.jsonl", 1 + 5 * number, lines, size=100)


@pytest.mark.parametrize("jobs", [1, 2])
def test_batches_in_flight_stay_bounded(ref, jobs):
    consumed = []
    results = score_batches(ref, list(LABELS), batches(50, consumed), jobs=jobs)
    first = next(results)
    assert first.comments == 5 and first.output.startswith('{"id":"in:1"')
    assert len(consumed) <= 2 * jobs  # the rest of the input has not been read yet
    rest = list(results)
    assert len(rest) == 49 and len(consumed) == 50
    assert [json.loads(r.output.splitlines()[0])["id"] for r in rest[:2]] == ["in:6", "in:11"]
