import json
from collections import Counter

import numpy as np
import pytest
from typer.testing import CliRunner

from classifier.abstain import UNCERTAIN, abstain, apply_min_confidence, check_min_confidence, counting, summary
from classifier.cli import app
from classifier.errors import ClassifierError
from classifier.features import build_pipeline
from classifier.labels import LABELS
from classifier.models import save_model

runner = CliRunner()


def test_abstains_below_the_threshold_only():
    probabilities = {"question": 0.55, "thanks": 0.45}
    assert abstain(probabilities, 0.5) == "question"
    assert abstain(probabilities, 0.55) == "question"
    assert abstain(probabilities, 0.56) == UNCERTAIN
    row = {"id": "a", "label": "question", "confidence": 0.55, "probabilities": probabilities}
    assert apply_min_confidence(row, 0.9) == {**row, "label": UNCERTAIN}
    assert row["label"] == "question"  # the input row is left alone


@pytest.mark.parametrize("bad", [0, -0.2, 1.01, float("nan")])
def test_threshold_must_be_in_zero_one(bad):
    with pytest.raises(ClassifierError, match="--min-confidence must be above 0 and at most 1"):
        check_min_confidence(bad)
    assert check_min_confidence(1.0) == 1.0


def test_counts_every_label_and_uncertain():
    counts = Counter()
    rows = list(counting([{"label": "thanks"}, {"label": UNCERTAIN}, {"label": "thanks"}], counts))
    assert len(rows) == 3
    assert summary(counts, list(LABELS)) == "3 comment(s): question 0, rebuttal 0, link-share 0, thanks 2, other 0, uncertain 1"


@pytest.fixture
def scored_input(tmp_path):
    texts = {"question": ["Where is it?", "When does it open?"], "thanks": ["Thanks a lot!", "Great post, thanks."]}
    y = np.asarray([LABELS.index(label) for label, group in texts.items() for _ in group])
    pipeline = build_pipeline("word", 1.0, 13).fit([t for group in texts.values() for t in group], y)
    save_model(pipeline, {"name": "two", "labels": list(LABELS)}, "two", tmp_path / "models")
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"c{i}", "text": t}) + "\n"
                              for i, t in enumerate(["Thanks!", "Where?", "Cats and dogs."])))
    return tmp_path / "models", source


def test_score_min_confidence_marks_uncertain_and_counts(scored_input):
    models, source = scored_input
    base = ["score", str(source), "--model", "two", "--models-dir", str(models)]
    plain = [json.loads(line) for line in runner.invoke(app, base).stdout.splitlines()]
    threshold = sorted(r["confidence"] for r in plain)[1]  # the lowest-confidence comment falls below it
    result = runner.invoke(app, [*base, "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["label"] == UNCERTAIN for r in rows] == [r["confidence"] < threshold for r in plain]
    assert sum(r["label"] == UNCERTAIN for r in rows) == 1
    assert [r["probabilities"] for r in rows] == [r["probabilities"] for r in plain]
    assert "3 comment(s):" in result.stderr and "uncertain 1" in result.stderr
    table = runner.invoke(app, [*base, "--min-confidence", "1", "--format", "table"])
    assert table.exit_code == 0 and table.stdout.count(UNCERTAIN) == 3 and "uncertain 3" in table.stderr


def test_score_min_confidence_out_of_range_is_one_line(scored_input):
    models, source = scored_input
    result = runner.invoke(app, ["score", str(source), "--model", "two", "--models-dir", str(models),
                                 "--min-confidence", "0"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --min-confidence must be above 0 and at most 1, got 0; e.g. 0.6"
