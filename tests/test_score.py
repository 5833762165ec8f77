import json

import pytest

from classifier.errors import ClassifierError
from classifier.inputs import read_batches, read_inputs
from classifier.labels import LABELS
from classifier.score import format_records, score_comments, score_raw_batch
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
    pieces = list(score_comments(pipeline, list(LABELS), read_inputs([str(source)], batch_size=3), batch_size=2))
    assert whole == pieces and len(whole) == 7


def test_missing_ids_are_generated_from_file_and_line(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "a"}\n\n{"text": "b"}\n')
    assert [c.id for c in read_inputs([str(source)])] == ["in:1", "in:3"]
    assert [c.id for c in read_inputs([str(source)], batch_size=1)] == ["in:1", "in:3"]


def test_pages_are_split_before_scoring(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Title here\nArticle.\n2 Comments\nAnn says:\nNice.\nBen says:\nWhy?\n")
    comments = list(read_inputs([str(page)]))
    assert [(c.page, c.start_line, c.text) for c in comments] == [("p.txt", 5, "Nice."), ("p.txt", 7, "Why?")]


@pytest.mark.parametrize("name, content, row_id, message", [
    ("bad.jsonl", '{"text": "ok"}\n{oops\n{"text": "fine"}\n', "bad:2", "bad.jsonl:2: not valid JSON"),
    ("bad.jsonl", '{"text": "ok"}\n{"id": "x9", "body": "no text"}\n{"text": "fine"}\n', "x9", 'no "text"'),
    ("bad.jsonl", '{"text": "ok"}\n{"text": ["a list"]}\n{"text": "fine"}\n', "bad:2", "a non-string (list)"),
    ("bad.jsonl", '{"text": "ok"}\n[1, 2]\n{"text": "fine"}\n', "bad:2", "not a JSON object"),
    ("bad.csv", "id,text\nr1,ok\nr2\nr3,fine\n", "r2", "bad.csv:3: the row has no `text` value"),
])
def test_a_row_that_cannot_be_scored_keeps_its_place_with_an_error(pipeline, tmp_path, name, content, row_id, message):
    path = tmp_path / name
    path.write_text(content)
    rows = list(score_comments(pipeline, list(LABELS), read_inputs([str(path)])))
    assert len(rows) == 3 and rows[1]["id"] == row_id and message in rows[1]["error"]
    assert rows[1]["label"] is None and rows[1]["probabilities"] is None
    assert [r["label"] is not None for r in (rows[0], rows[2])] == [True, True]
    assert "error" not in rows[0]


def test_invalid_utf8_is_replaced_not_fatal(pipeline, tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"text": "caf\xe9 au lait"}\n')
    (comment,) = read_inputs([str(path)])
    assert comment.error is None and comment.text == "caf\ufffd au lait"


@pytest.mark.parametrize("name, content, message", [
    ("bad.csv", "id,body\n1,x\n", "needs a header row with a `text` column"),
    ("bad.xml", "<x/>", "unknown input type .xml"),
])
def test_a_bad_whole_input_stops_the_run(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ClassifierError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(read_inputs([str(path)]))


def test_a_missing_input_fails_before_any_other_is_read(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "a"}\n')
    with pytest.raises(ClassifierError, match="missing.jsonl: no such file"):
        next(read_batches([str(good), str(tmp_path / "missing.jsonl")]))


def test_parquet_input_gives_the_same_records_as_jsonl(pipeline, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = ["Why is that?", "Thanks!", None, "http://example.com/x see this"]
    pq.write_table(pa.table({"id": ["a", "b", "c", "d"], "text": texts}), tmp_path / "in.parquet")
    rows = list(score_comments(pipeline, list(LABELS), read_inputs([str(tmp_path / "in.parquet")], batch_size=3)))
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"] and "error" in rows[2]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": i, "text": t}) + "\n"
                                               for i, t in zip("abd", [texts[0], texts[1], texts[3]])))
    from_jsonl = list(score_comments(pipeline, list(LABELS), read_inputs([str(tmp_path / "in.jsonl")])))
    assert [r["probabilities"] for r in from_jsonl] == [rows[i]["probabilities"] for i in (0, 1, 3)]


def test_formats_write_one_line_per_record(pipeline, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "Why?"}\nnot json\n{"text": "Thanks!"}\n')
    (batch,) = read_batches([str(path)])
    jsonl, count, errors, _ = score_raw_batch(pipeline, list(LABELS), batch)
    assert (count, errors) == (3, 1) and len(jsonl.splitlines()) == 3
    assert ["error" in json.loads(line) for line in jsonl.splitlines()] == [False, True, False]
    records = [json.loads(line) for line in jsonl.splitlines()]
    csv_text = format_records(records, "csv", list(LABELS))
    assert len(csv_text.splitlines()) == 3 and csv_text.splitlines()[1].endswith("not valid JSON (Expecting value)")
