import json

import pytest
from typer.testing import CliRunner

from classifier.cli import app

runner = CliRunner()


def invoke(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def trained(labelled_store):
    models = labelled_store["models"]
    result = invoke("train", "--labels", labelled_store["labels"], "--pages", labelled_store["pages"],
                    "--models-dir", models, "--features", "word", "--name", "tiny")
    assert result.exit_code == 0, result.output
    return labelled_store


def test_split_train_confusion_score_end_to_end(trained, tmp_path):
    models = trained["models"]
    assert (models / "tiny.joblib").is_file() and (models / "tiny.json").is_file()
    out = tmp_path / "comments.jsonl"
    result = invoke("split", *sorted(trained["pages"].glob("*.txt")), "--out", out)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 30 and records[0]["author"] == "Reader0que"

    result = invoke("confusion", "tiny", "--models-dir", models)
    assert result.exit_code == 0 and "macro-F1" in result.output and "link-share" in result.output

    png = tmp_path / "cm.png"
    result = invoke("confusion", "tiny", "--models-dir", models, "--png", png)
    assert result.exit_code == 0 and png.read_bytes()[:4] == b"\x89PNG"

    scored = tmp_path / "scored.jsonl"
    result = invoke("score", out, "--model", "tiny", "--models-dir", models, "--out", scored)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in scored.read_text().splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in records]


def test_score_three_comments_from_stdin_and_csv(trained):
    lines = "".join(json.dumps({"id": f"x{i}", "text": t}) + "\n" for i, t in enumerate(["Why?", "Thanks!", "No."]))
    result = invoke("score", "-", "--model", "tiny", "--models-dir", trained["models"], input=lines)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["x0", "x1", "x2"]
    assert all(abs(sum(r["probabilities"].values()) - 1) < 1e-4 for r in rows)
    result = invoke("score", "-", "--model", "tiny", "--models-dir", trained["models"], "--format", "csv", input=lines)
    assert result.stdout.splitlines()[0].startswith("id,label,confidence,p_question")
    assert len(result.stdout.splitlines()) == 4


def test_examples_lists_the_comments_of_a_cell(trained):
    card = json.loads((trained["models"] / "tiny.json").read_text())
    row = card["out_of_fold"][0]
    cell = f"{row['true']}:{row['predicted']}"
    result = invoke("confusion", "tiny", "--models-dir", trained["models"], "--examples", cell)
    assert result.exit_code == 0 and row["id"] in result.output
    result = invoke("confusion", "tiny", "--models-dir", trained["models"], "--examples", "praise:other")
    assert result.exit_code == 1 and "unknown label 'praise'" in result.output


@pytest.mark.parametrize("args, message", [
    (["split", "nowhere.txt"], "nowhere.txt: no such file"),
    (["score", "nowhere.jsonl", "--models-dir", "{models}", "--model", "tiny"], "nowhere.jsonl: no such file"),
    (["score", "x.jsonl", "--models-dir", "{empty}"], "train one with `classifier train"),
    (["confusion", "nothing", "--models-dir", "{models}"], "no model card"),
    (["train", "--labels", "{labels}", "--pages", "{pages}", "--models-dir", "{models}", "--name", "tiny"], "already exists; pass --force"),
])
def test_user_mistakes_are_one_line_and_exit_1(trained, tmp_path, args, message):
    values = {"models": trained["models"], "empty": tmp_path / "empty", "labels": trained["labels"], "pages": trained["pages"]}
    result = invoke(*[a.format(**values) for a in args])
    assert result.exit_code == 1
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_split_of_a_page_without_thread_notes_it(tmp_path):
    page = tmp_path / "article.txt"
    page.write_text("Title\nJust an article with no comments.\n")
    result = invoke("split", page)
    assert result.exit_code == 0 and result.stdout == "" and "no comment thread found" in result.stderr


def test_existing_output_is_not_overwritten(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Title\nArticle.\n1 Comment\nHello there.\n")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me")
    result = invoke("split", page, "--out", out)
    assert result.exit_code == 1 and out.read_text() == "keep me"
    assert invoke("split", page, "--out", out, "--force").exit_code == 0 and "Hello there." in out.read_text()


@pytest.mark.parametrize("command", [[], ["split"], ["train"], ["score"], ["confusion"]])
def test_help_teaches_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "classifier" in result.output and "xample" in result.output
