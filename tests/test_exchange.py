import json
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from typer.testing import CliRunner

from classifier.cli import app
from classifier.exchange import labeling_config
from classifier.features import build_pipeline
from classifier.labels import LABELS, load_labels
from classifier.models import save_model
from classifier.sources import PageSource

runner = CliRunner()
FORMATS = ["label-studio", "prodigy", "doccano"]


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def store(labelled_store, tmp_path):
    """The shared store with `also` acts on a few comments (none, one, two)."""
    records = [dict(r) for r in labelled_store["records"]]
    records[0]["also"] = ["thanks"]
    records[3]["also"] = ["question", "link-share"]
    records[7]["also"] = ["other"]
    path = tmp_path / "with-also.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return {**labelled_store, "store": path}


def summary(path, pages):
    return sorted((c.page, c.start_line, c.end_line, c.label, c.also) for c in load_labels(path, PageSource(pages)))


def export(store, fmt, out, *extra):
    result = invoke("export", "--format", fmt, "--labels", store["store"], "--pages", store["pages"], "--out", out, *extra)
    assert result.exit_code == 0, result.output
    return out


def import_(store, fmt, path, out):
    return invoke("import", path, "--format", fmt, "--out", out, "--pages", store["pages"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_every_label_and_also_act(store, tmp_path, fmt):
    exported = export(store, fmt, tmp_path / f"tasks.{fmt}")
    back = tmp_path / "back.jsonl"
    result = import_(store, fmt, exported, back)
    assert result.exit_code == 0, result.output
    assert "Wrote 30 labels" in result.output
    assert summary(back, store["pages"]) == summary(store["store"], store["pages"])
    assert sum(1 for c in load_labels(back, PageSource(store["pages"])) if c.also) == 3
    assert import_(store, fmt, exported, back).exit_code == 1  # not replaced without --force


def test_label_studio_export_is_a_task_list_with_its_config(store, tmp_path):
    tasks = json.loads(export(store, "label-studio", tmp_path / "tasks.json").read_text())
    assert len(tasks) == 30 and {"text", "page", "start_line", "end_line", "text_sha256"} <= set(tasks[0]["data"])
    results = tasks[3]["annotations"][0]["result"]
    assert [(r["from_name"], r["value"]["choices"]) for r in results] == [("label", ["thanks"]), ("also", ["question", "link-share"])]
    config = ET.fromstring((tmp_path / "tasks.xml").read_text())
    controls = {c.get("name"): c for c in config.iter("Choices")}
    assert set(controls) == {"label", "also"} and controls["also"].get("choice") == "multiple"
    assert [c.get("value") for c in controls["label"]] == list(LABELS) == [c.get("value") for c in controls["also"]]
    assert ET.fromstring(labeling_config()).find("Text").get("value") == "$text"


def _label_studio_edits(store, tmp_path, edit):
    tasks = json.loads(export(store, "label-studio", tmp_path / "tasks.json").read_text())
    edit(tasks)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(tasks))
    return import_(store, "label-studio", path, tmp_path / "back.jsonl")


def test_label_studio_skips_cancelled_and_unannotated_tasks(store, tmp_path):
    def edit(tasks):
        for number, task in enumerate(tasks, 1):  # what a real export adds
            task["id"] = number
            task["annotations"][0].update(id=100 + number, was_cancelled=False, completed_by=1)
        tasks[0]["annotations"][0]["was_cancelled"] = True
        del tasks[1]["annotations"]
        tasks[1]["predictions"] = [{"model_version": "m", "score": 0.9,
                                    "result": [{"from_name": "label", "to_name": "text", "type": "choices",
                                                "value": {"choices": ["thanks"]}}]}]

    result = _label_studio_edits(store, tmp_path, edit)
    assert result.exit_code == 0, result.output
    assert "Wrote 28 labels" in result.output and "skipped 2 task(s)" in result.output


@pytest.mark.parametrize("edit, message", [
    (lambda t: t[4]["annotations"].append({"result": [{"from_name": "label", "to_name": "text", "type": "choices",
                                                       "value": {"choices": ["question"]}}]}), "task 5: its annotations disagree"),
    (lambda t: t[2]["data"].pop("page"), "task 3: no page: only comments exported from pages"),
    (lambda t: t[2]["data"].update(text="Edited text."), "task 3: the comment's text was edited"),
    (lambda t: t[2]["annotations"][0]["result"][0]["value"].update(choices=["thanks", "other"]),
     "task 3: needs exactly one primary label"),
    (lambda t: t[2]["annotations"][0]["result"][0]["value"].update(choices=["praise"]), "task 3: unknown label 'praise'"),
    (lambda t: t[2]["annotations"][0]["result"][0].update(from_name="sentiment"), "task 3: result from control 'sentiment'"),
])
def test_label_studio_mistakes_name_the_task(store, tmp_path, edit, message):
    result = _label_studio_edits(store, tmp_path, edit)
    assert result.exit_code == 1 and message in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_span_that_does_not_match_its_page_is_refused(store, tmp_path):
    def edit(tasks):
        tasks[2]["data"]["text"] = "Edited text."
        del tasks[2]["data"]["text_sha256"]

    result = _label_studio_edits(store, tmp_path, edit)
    assert result.exit_code == 1 and "no longer matches text_sha256" in result.output


def test_prodigy_rejected_ignored_and_binary_answers(store, tmp_path):
    lines = export(store, "prodigy", tmp_path / "tasks.jsonl").read_text().splitlines()
    tasks = [json.loads(line) for line in lines]
    tasks[0]["answer"] = "reject"
    tasks[1]["answer"] = "ignore"
    binary = {key: tasks[2][key] for key in ("text", "meta")}
    tasks[2] = {**binary, "label": "rebuttal", "answer": "accept", "_input_hash": 1, "_task_hash": 2}
    path = tmp_path / "db-out.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks))
    back = tmp_path / "back.jsonl"
    result = import_(store, "prodigy", path, back)
    assert result.exit_code == 0, result.output
    assert "Wrote 28 labels" in result.output and "skipped 2" in result.output
    records = [json.loads(line) for line in back.read_text().splitlines()]
    assert records[0]["label"] == "rebuttal" and records[0]["also"] == []

    tasks[5]["meta"] = {}
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks))
    result = import_(store, "prodigy", path, tmp_path / "other.jsonl")
    assert result.exit_code == 1 and f"{path}:6: no page, start_line, end_line" in result.output


def test_doccano_skips_unlabelled_and_reads_string_metadata(store, tmp_path):
    tasks = [json.loads(line) for line in export(store, "doccano", tmp_path / "t.jsonl").read_text().splitlines()]
    tasks[0]["label"] = []
    # doccano may hand metadata back nested and as strings
    tasks[1]["meta"] = {k: str(tasks[1].pop(k)) for k in ("page", "start_line", "end_line")}
    tasks.append({"id": 99, "text": "Typed in doccano from scratch", "label": ["question"]})
    path = tmp_path / "doccano.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks))
    result = import_(store, "doccano", path, tmp_path / "back.jsonl")
    assert result.exit_code == 1 and f"{path}:31: no page, start_line, end_line" in result.output
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks[:-1]))
    result = import_(store, "doccano", path, tmp_path / "back.jsonl")
    assert result.exit_code == 0 and "Wrote 29 labels" in result.output and "skipped 1" in result.output


@pytest.fixture
def model_and_comments(store, tmp_path):
    texts = {"question": ["Where is it?", "When does it open?"], "thanks": ["Thanks a lot!", "Great post, thanks."]}
    y = np.asarray([LABELS.index(label) for label, group in texts.items() for _ in group])
    pipeline = build_pipeline("word", 1.0, 13).fit([t for group in texts.values() for t in group], y)
    save_model(pipeline, {"name": "two", "labels": list(LABELS)}, "two", tmp_path / "models")
    comments = tmp_path / "comments.jsonl"
    result = invoke("split", *sorted(store["pages"].glob("*.txt")), "--out", comments)
    assert result.exit_code == 0, result.output
    return tmp_path / "models", comments


def test_label_studio_predictions_for_review_are_never_labels(store, model_and_comments, tmp_path):
    models, comments = model_and_comments
    out = export(store, "label-studio", tmp_path / "review.json", "--comments", comments, "--model", "two",
                 "--models-dir", models)
    tasks = json.loads(out.read_text())
    assert len(tasks) == 30 and all("annotations" not in t for t in tasks)
    prediction = tasks[0]["predictions"][0]
    assert prediction["model_version"].startswith("two-") and 0 < prediction["score"] <= 1
    assert prediction["result"][0]["value"]["choices"][0] in ("question", "thanks")
    result = import_(store, "label-studio", out, tmp_path / "back.jsonl")
    assert result.exit_code == 0 and "Wrote 0 labels" in result.output and "skipped 30" in result.output


def test_unlabelled_tasks_labelled_in_the_tool_come_back(store, model_and_comments, tmp_path):
    _, comments = model_and_comments
    tasks = [json.loads(line) for line in export(store, "doccano", tmp_path / "t.jsonl", "--comments", comments)
             .read_text().splitlines()]
    assert all(t["label"] == [] and t["page"].startswith("page") for t in tasks)
    tasks[0]["label"] = ["question", "thanks"]
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in tasks))
    back = tmp_path / "back.jsonl"
    assert import_(store, "doccano", path, back).exit_code == 0
    [comment] = load_labels(back, PageSource(store["pages"]))
    assert (comment.label, comment.also) == ("question", ("thanks",))


def test_prodigy_predictions_preselect_without_answering(store, model_and_comments, tmp_path):
    models, comments = model_and_comments
    out = export(store, "prodigy", tmp_path / "p.jsonl", "--comments", comments, "--model", "two", "--models-dir", models)
    tasks = [json.loads(line) for line in out.read_text().splitlines()]
    assert all("answer" not in t and len(t["accept"]) == 1 and "score" in t["meta"] for t in tasks)


@pytest.mark.parametrize("args, message", [
    (["--format", "doccano", "--comments", "{comments}", "--model", "two"], "doccano has no place for model predictions"),
    (["--format", "label-studio", "--model", "two"], "--model predicts on the comments given with --comments"),
    (["--format", "jsonl", "--comments", "{comments}"], "--comments and --model export tasks"),
])
def test_export_option_mistakes(store, model_and_comments, tmp_path, args, message):
    models, comments = model_and_comments
    result = invoke("export", *[a.format(comments=comments) for a in args], "--models-dir", models, "--labels",
                    store["store"], "--pages", store["pages"], "--out", tmp_path / "x.json")
    assert result.exit_code == 1 and message in result.output, result.output
    assert not (tmp_path / "x.json").exists()


@pytest.mark.parametrize("command", [["explain"], ["features"], ["export"], ["import"]])
def test_help_teaches_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Example" in result.output and "classifier " + command[0] in result.output
