import json

import numpy as np
import pytest
from typer.testing import CliRunner

from classifier.cli import app
from classifier.errors import ClassifierError
from classifier.explain import Explainer, add_explanations, explain, readable, strongest_features
from classifier.features import FEATURE_SETS, build_pipeline
from classifier.labels import LABELS
from classifier.models import save_model

runner = CliRunner()

TEXTS = {
    "question": ["Where did you buy that lamp?", "How long did the repair take?", "Does anyone know the opening hours?",
                 "Is there a bus from the station?", "What did the council decide?"],
    "rebuttal": ["That is wrong, the vote was in May.", "Not true, the shop never closed.", "You are mistaken about the law.",
                 "Wrong, prices went down last year.", "That is not what the report says."],
    "link-share": ["http://example.com/a the full story", "See http://example.org/b for the data",
                   "More here http://news.example/c", "http://example.net/d related post", "Source: http://example.com/e"],
    "thanks": ["Thanks for the great post!", "Thank you, lovely photos.", "Great article, thanks!",
               "Many thanks for sharing this.", "Thanks, really helpful."],
    "other": ["My dog likes the park too.", "We went there last summer.", "The weather was awful all week.",
              "I had the same car once.", "Our garden is full of roses."],
}


def fitted(features: str, labels=LABELS):
    texts = [t for label in labels for t in TEXTS[label]]
    y = np.asarray([LABELS.index(label) for label in labels for _ in TEXTS[label]])
    return build_pipeline(features, 2.0, 13).fit(texts, y)


@pytest.mark.parametrize("features", list(FEATURE_SETS))
def test_contributions_add_up_to_the_models_score(features):
    pipeline = fitted(features)
    explainer = Explainer(pipeline, list(LABELS))
    text = "Thanks! Where can I read more? http://example.com/x"
    scores = pipeline.decision_function([text])[0]
    for k, label in enumerate(LABELS):
        found = explainer.contributions([text], [label])[0]
        assert sum(c.weight for c in found) + explainer.intercept_[k] == pytest.approx(scores[k], abs=1e-5)
        assert [c.weight for c in found] == sorted((c.weight for c in found), reverse=True)
    kinds = {c.kind for c in explainer.contributions([text], ["thanks"])[0]}
    assert kinds == {"word": {"word"}, "word+cues": {"word", "cue"}, "char": {"char"},
                     "word+char": {"word", "char"}, "word+char+cues": {"word", "char", "cue"}}[features]


def test_binary_models_explain_both_labels():
    pipeline = fitted("word", labels=("question", "thanks"))
    explainer = Explainer(pipeline, list(LABELS))
    score = pipeline.decision_function(["Thanks, where is it?"])[0]
    for label, sign in (("question", -1), ("thanks", 1)):
        found = explainer.contributions(["Thanks, where is it?"], [label])[0]
        assert sum(c.weight for c in found) + explainer.intercept_[explainer.row(label)] == pytest.approx(sign * score)
    with pytest.raises(ClassifierError, match="knows no label 'other'"):
        explain(explainer, "hi", label="other")


def test_explain_lists_what_pushed_the_prediction():
    explainer = Explainer(fitted("word+cues"), list(LABELS))
    result = explain(explainer, "Thanks for the great post!", top=3)
    assert result.predicted == result.label == "thanks"
    assert len(result.pushed_for) == 3 and all(c.weight > 0 for c in result.pushed_for)
    assert {"thanks", "cue:gratitude"} & {c.feature for c in result.pushed_for}
    assert all(c.weight < 0 for c in result.pushed_against)
    asked = explain(explainer, "Thanks for the great post!", top=3, label="question")
    assert asked.label == "question" and asked.predicted == "thanks"


def test_char_ngrams_are_quoted_with_visible_spaces():
    assert readable("char", " th") == '"␣th"' and readable("word", "great post") == "great post"
    explainer = Explainer(fitted("char"), list(LABELS))
    names = [c.feature for c in explainer.contributions(["thanks a lot"], ["thanks"])[0]]
    assert names and all(n.startswith('"') and n.endswith('"') and " " not in n for n in names)


def test_strongest_features_are_the_largest_positive_coefficients():
    explainer = Explainer(fitted("word+cues"), list(LABELS))
    strongest = strongest_features(explainer, top=4)
    assert list(strongest) == list(LABELS)
    thanks = strongest["thanks"]
    coef = explainer.coef_[explainer.row("thanks")]
    assert [c.weight for c in thanks] == pytest.approx(sorted(coef, reverse=True)[:4])
    assert all(c.kind == "word" for c in strongest_features(explainer, "question", 5, kind="word")["question"])
    with pytest.raises(ClassifierError, match="unknown feature kind"):
        strongest_features(explainer, kind="emoji")


def test_scored_rows_get_their_top_contributions():
    explainer = Explainer(fitted("word+char+cues"), list(LABELS))
    rows = [{"id": "a", "label": "uncertain", "probabilities": {"question": 0.2, "thanks": 0.7, "other": 0.1}}]
    row = add_explanations(explainer, ["Thanks, great post"], rows, top=3)[0]
    assert row["label"] == "uncertain" and len(row["explanation"]) == 3
    every = explainer.contributions(["Thanks, great post"], ["thanks"])[0]
    assert len([c for c in every if c.weight > 0]) > 3  # so the shortcut for the top few is exercised
    assert [w for _, w in row["explanation"]] == [round(c.weight, 4) for c in every[:3]]


@pytest.fixture
def models(tmp_path):
    save_model(fitted("word+char+cues"), {"name": "tiny", "labels": list(LABELS)}, "tiny", tmp_path / "models")
    return tmp_path / "models"


def test_explain_and_features_commands(models):
    result = runner.invoke(app, ["explain", "Thanks for the great post!", "--model", "tiny", "--models-dir", str(models),
                                 "--top", "4"])
    assert result.exit_code == 0, result.output
    assert "Predicted thanks" in result.output and "Pushed towards thanks:" in result.output
    towards = result.output.split("Pushed towards thanks:")[1].split("Pushed away")[0].strip().splitlines()
    assert len(towards) == 4 and all(line.split()[0].startswith("+") for line in towards)
    result = runner.invoke(app, ["explain", "-", "--model", "tiny", "--models-dir", str(models), "--label", "question"],
                           input="Where is it?")
    assert result.exit_code == 0 and "Explaining question" in result.output
    result = runner.invoke(app, ["features", "--model", "tiny", "--models-dir", str(models), "--label", "link-share",
                                 "--top", "3", "--kind", "char"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "link-share:" and len(lines) == 4 and all(" char " in line for line in lines[1:])
    result = runner.invoke(app, ["features", "--model", "tiny", "--models-dir", str(models), "--top", "0"])
    assert result.exit_code == 1 and "--top must be at least 1" in result.output


def test_score_explain_adds_explanations(models, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"c{i}", "text": t}) + "\n"
                              for i, t in enumerate(["Thanks a lot!", "Where is it?", "Wrong, it closed."])))
    result = runner.invoke(app, ["score", str(source), "--model", "tiny", "--models-dir", str(models),
                                 "--explain", "--explain-top", "2"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["c0", "c1", "c2"]
    assert all(1 <= len(r["explanation"]) <= 2 and all(w > 0 for _, w in r["explanation"]) for r in rows)
    result = runner.invoke(app, ["score", str(source), "--model", "tiny", "--models-dir", str(models),
                                 "--explain", "--format", "table"])
    assert result.exit_code == 0 and "why" in result.stdout
    result = runner.invoke(app, ["score", str(source), "--model", "tiny", "--models-dir", str(models),
                                 "--explain", "--format", "csv"])
    assert result.exit_code == 1 and "CSV cannot hold" in result.output
    result = runner.invoke(app, ["score", str(source), "--model", "tiny", "--models-dir", str(models),
                                 "--explain", "--explain-top", "0"])
    assert result.exit_code == 1 and "--explain-top must be at least 1" in result.output


def test_explanations_and_abstaining_are_the_same_over_two_worker_processes(models, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"c{i}", "text": t}) + "\n"
                              for i, t in enumerate(["Thanks a lot!", "Where is it?", "Wrong, it closed.", "Fine."] * 3)))
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.jsonl"
        result = runner.invoke(app, ["score", str(source), "--model", "tiny", "--models-dir", str(models), "--jobs", jobs,
                                     "--explain", "--min-confidence", "0.9", "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert "12 comment(s):" in result.stderr and "uncertain" in result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    rows = [json.loads(line) for line in outputs[0].splitlines()]
    assert all(r["explanation"] for r in rows) and any(r["label"] == "uncertain" for r in rows)
