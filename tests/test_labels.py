import json

import pytest

from classifier.errors import ClassifierError
from classifier.labels import LABELS, load_labels
from classifier.sources import PageSource


def write(labels_dir, records):
    path = labels_dir / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_store_loads_every_record_with_text(labelled_store):
    comments = load_labels(labelled_store["labels"], PageSource(labelled_store["pages"]))
    assert len(comments) == 30
    assert {c.label for c in comments} == set(LABELS)
    assert comments[0].text == "Do you know when the report comes out?"
    assert len({c.id for c in comments}) == 30


@pytest.mark.parametrize("change, message", [
    (lambda r: r.update(label="praise"), "unknown label 'praise'"),
    (lambda r: r.update(also=["thanks", "nonsense"]), "`also` must be a list"),
    (lambda r: r.update(page="missing.txt"), "page missing.txt is not in"),
    (lambda r: r.update(text_sha256="0" * 64), "no longer matches text_sha256"),
    (lambda r: r.update(end_line=99), "outside the page"),
    (lambda r: r.pop("text_sha256"), "missing field(s) text_sha256"),
    (lambda r: r.update(also=[r["label"]]), "repeats the primary label"),
])
def test_bad_record_names_file_line_and_problem(labelled_store, change, message):
    records = labelled_store["records"]
    change(records[3])
    path = write(labelled_store["labels"], records)
    with pytest.raises(ClassifierError) as error:
        load_labels(labelled_store["labels"], PageSource(labelled_store["pages"]))
    assert f"{path}:4" in str(error.value) and message in str(error.value)


def test_overlap_and_duplicate_are_errors(labelled_store):
    records = labelled_store["records"]
    write(labelled_store["labels"], records + [records[0]])
    with pytest.raises(ClassifierError, match="duplicate of the label at .*tiny.jsonl:1"):
        load_labels(labelled_store["labels"], PageSource(labelled_store["pages"]))
    wide = dict(records[0], end_line=records[1]["start_line"])
    from classifier.pages import read_page_file, span_text, text_sha256
    page = read_page_file(labelled_store["pages"] / wide["page"])
    wide["text_sha256"] = text_sha256(span_text(page, wide["start_line"], wide["end_line"]))
    write(labelled_store["labels"], [wide] + records[1:])
    with pytest.raises(ClassifierError, match="overlaps"):
        load_labels(labelled_store["labels"], PageSource(labelled_store["pages"]))


def test_bad_json_line_is_named(labelled_store):
    path = labelled_store["labels"] / "tiny.jsonl"
    path.write_text(path.read_text() + "{not json\n")
    with pytest.raises(ClassifierError, match=r"tiny.jsonl:31: not valid JSON"):
        load_labels(labelled_store["labels"], PageSource(labelled_store["pages"]))


def test_empty_folder_says_what_to_do(tmp_path):
    with pytest.raises(ClassifierError, match="holds no \\*.jsonl label files"):
        load_labels(tmp_path)
