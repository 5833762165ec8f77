import json

import pytest

from classifier.errors import ClassifierError
from classifier.inputs import read_inputs
from classifier.labels import LABELS
from classifier.score import score_comments
from classifier.sources import PageSource
from classifier.train import train


@pytest.fixture
def pipeline(labelled_store):
    return train(labelled_store["labels"], PageSource(labelled_store["pages"]), feature_sets=("word",), c_grid=()).pipeline


def test_one_row_per_input_in_order(pipeline, tmp_path):
    source = tmp_path / "in.jsonl"
    texts = ["Thanks so much, great post!", "Where can I buy one?", "", "You are wrong about that."] * 3
    source.write_text("".join(json.dumps({"id": f"c{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    rows = list(score_comments(pipeline, list(LABELS), read_inputs([str(source)]), batch_size=5))
    assert [r["id"] for r in rows] == [f"c{i}" for i in range(len(texts))]
    for row in rows:
        assert abs(sum(row["probabilities"].values()) - 1) < 1e-4
        assert row["label"] == max(row["probabilities"], key=row["probabilities"].get)


def test_batching_does_not_change_scores(pipeline, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("id,text\n" + "".join(f"r{i},\"comment number {i}, thanks\"\n" for i in range(7)))
    whole = list(score_comments(pipeline, list(LABELS), read_inputs([str(source)]), batch_size=100))
    pieces = list(score_comments(pipeline, list(LABELS), read_inputs([str(source)]), batch_size=2))
    assert whole == pieces and len(whole) == 7


def test_missing_ids_are_generated_from_file_and_line(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "a"}\n\n{"text": "b"}\n')
    assert [c.id for c in read_inputs([str(source)])] == ["in:1", "in:3"]


def test_pages_are_split_before_scoring(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Title here\nArticle.\n2 Comments\nAnn says:\nNice.\nBen says:\nWhy?\n")
    comments = list(read_inputs([str(page)]))
    assert [(c.page, c.start_line, c.text) for c in comments] == [("p.txt", 5, "Nice."), ("p.txt", 7, "Why?")]


@pytest.mark.parametrize("name, content, message", [
    ("bad.jsonl", '{"text": "ok"}\n{oops\n', "bad.jsonl:2: not valid JSON"),
    ("bad.jsonl", '{"body": "no text"}\n', 'bad.jsonl:1: each line needs a "text" string'),
    ("bad.csv", "id,body\n1,x\n", "needs a header row with a `text` column"),
    ("bad.xml", "<x/>", "unknown input type .xml"),
])
def test_bad_input_names_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ClassifierError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(read_inputs([str(path)]))
