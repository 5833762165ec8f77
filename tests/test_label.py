"""`classifier label`: a whole session through CliRunner, resume, the store's safety, uncertainty order."""

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from classifier import dragnet
from classifier.cli import app
from classifier.errors import ClassifierError
from classifier.label_inputs import read_inputs, reply_context
from classifier.label_session import LabelSession, margins, open_session
from classifier.label_store import LabelStore
from classifier.labels import load_labels, make_record, read_records
from classifier.sources import PageSource

runner = CliRunner()
TEXTS = ["Do you know when the report comes out?", "Rosa, it came out last week, you are mistaken.",
         "Thanks for the great post!", "See http://example.org/budget for the numbers.", "I had the same experience."]
AUTHORS = ["Rosa", "Bill", "Ann", "Joe", "Kim"]


def write_page(folder: Path, name="p.txt", count=5) -> Path:
    """An article, a header, then `count` comments each under a "NAME says:" line (comment k on line 5 + 2k)."""
    lines = ["Article about the budget", "The council met on Tuesday.", f"{count} Comments"]
    for k in range(count):
        lines += [f"{AUTHORS[k % 5]}{k // 5 or ''} says:", f"{TEXTS[k % 5]} ({k})" if k >= 5 else TEXTS[k]]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def label(*args, input=""):
    return runner.invoke(app, ["label", *map(str, args)], input=input)


def first_shown(output: str) -> str | None:
    """The `page:start-end` of the first comment a session showed."""
    match = re.search(r"── (\S+)  comment \d+ of \d+  lines (\d+-\d+)", output)
    return match and f"{match[1]}:{match[2]}"


def stored(store: Path) -> list[tuple]:
    return [(r["page"], r["start_line"], r["label"], tuple(r["also"])) for _, r in read_records(store)]


def test_a_whole_session_label_also_skip_undo_quit_and_resume(tmp_path):
    page, store = write_page(tmp_path), tmp_path / "labels" / "mine.jsonl"
    # 1st: question + also thanks; 2nd: skipped; 3rd: rebuttal, undone, then thanks; 4th: guide, then quit.
    result = label(page, "--store", store, input="a t q s r u t ? x")
    assert result.exit_code == 0, result.output
    assert stored(store) == [("p.txt", 5, "question", ("thanks",)), ("p.txt", 9, "thanks", ())]
    assert "saved p.txt:5-5 question (also thanks)" in result.output
    assert "undone p.txt:9-9 rebuttal" in result.output and "link-share  points readers" in result.output
    assert "2 answer(s) saved" in result.output and "1 skipped" in result.output
    # The store is a valid label file the rest of the project reads.
    assert [c.label for c in load_labels(store, PageSource(tmp_path))] == ["question", "thanks"]

    # Rerun: the answered comments are not asked again, the skipped one (line 7) comes after the rest.
    result = label(page, "--store", store, input="o o o")
    assert result.exit_code == 0, result.output
    assert "already labelled" in result.output and first_shown(result.output) == "p.txt:11-11"
    assert [line for line in result.output.splitlines() if line.startswith("saved")] == [
        "saved p.txt:11-11 other", "saved p.txt:13-13 other", "saved p.txt:7-7 other"]
    assert "every comment given is labelled" in result.output


def test_the_last_answer_can_be_undone_and_ctrl_c_stops_with_everything_saved(tmp_path):
    page, store = write_page(tmp_path, count=2), tmp_path / "s.jsonl"
    result = label(page, "--store", store, input="q q u r x")
    assert "No comments left to ask: u undoes" in result.output and "undone p.txt:7-7 question" in result.output
    assert stored(store) == [("p.txt", 5, "question", ()), ("p.txt", 7, "rebuttal", ())]
    store.unlink()
    result = label(page, "--store", store, input="t\x03o")
    assert result.exit_code == 130 and "Interrupted." in result.output and "1 answer(s) saved" in result.output
    assert stored(store) == [("p.txt", 5, "thanks", ())]


def test_the_comment_shows_the_one_it_replies_to(tmp_path):
    result = label(write_page(tmp_path), "--store", tmp_path / "s.jsonl", input="q x")
    shown = result.output.split("saved p.txt:5-5 question")[1]
    assert "replies to Rosa (lines 5-5):\n  │ Do you know when the report comes out?" in shown
    assert "  Bill:\n    Rosa, it came out last week" in shown


def test_reply_context_prefers_the_addressed_author_over_the_previous_comment():
    from classifier.splitter import Comment

    comments = [Comment("a", "p", 1, 1, "First point.", "Rosa Diaz"), Comment("b", "p", 3, 3, "Second.", "Bill"),
                Comment("c", "p", 5, 5, "@rosa you are wrong.", "Kim"), Comment("d", "p", 7, 7, "Agreed.", "Joe")]
    assert reply_context(comments, 2) == (comments[0], True)
    assert reply_context(comments, 3) == (comments[2], False)
    assert reply_context(comments, 0) == (None, False)


def test_an_also_act_ranked_above_the_label_is_refused_until_fixed(tmp_path):
    store = tmp_path / "s.jsonl"
    result = label(write_page(tmp_path), "--store", store, input="a q t q x")
    assert "Not saved: the guide ranks question above thanks" in result.output
    assert stored(store) == [("p.txt", 5, "question", ())]


def test_an_existing_store_keeps_its_bytes_and_a_bad_one_is_refused(tmp_path):
    page, store = write_page(tmp_path), tmp_path / "s.jsonl"
    other = json.dumps(make_record("q.txt", 1, 2, "x", "other"))
    store.write_text(other)  # no final newline
    assert label(page, "--store", store, input="r u r x").exit_code == 0
    text = store.read_text()
    assert text.startswith(other + "\n") and len(text.splitlines()) == 2

    bad = tmp_path / "bad.jsonl"
    bad.write_text(other + "\n" + '{"page": "p.txt", "label": "praise"}\n')
    before = bad.read_bytes()
    result = label(page, "--store", bad, input="q")
    assert result.exit_code == 1 and result.output.strip() == (
        f"Error: {bad}:2: missing field(s) start_line, end_line, text_sha256, also; see labels/README.md")
    assert bad.read_bytes() == before


def test_undo_never_removes_an_answer_of_an_earlier_session(tmp_path):
    page, store = write_page(tmp_path), tmp_path / "s.jsonl"
    label(page, "--store", store, input="q x")
    result = label(page, "--store", store, input="u x")
    assert "nothing to undo in this session" in result.output and len(stored(store)) == 1


def test_a_store_changed_by_someone_else_is_not_overwritten(tmp_path):
    page = write_page(tmp_path)
    session, _ = open_session([str(page)], tmp_path / "s.jsonl")
    session.answer("question")
    (tmp_path / "s.jsonl").write_text("edited elsewhere\n")
    with pytest.raises(ClassifierError, match="changed on disk during this session"):
        session.answer("other")
    assert (tmp_path / "s.jsonl").read_text() == "edited elsewhere\n"


def test_comments_overlapping_a_stored_span_are_not_asked(tmp_path):
    page, store = write_page(tmp_path), tmp_path / "s.jsonl"
    store.write_text(json.dumps(make_record("p.txt", 6, 7, "Bill says:\nRosa, ...", "other")) + "\n")
    session, _ = open_session([str(page)], store)
    assert session.overlapping == 1 and session.remaining == 4
    assert [session.current.comment.start_line] == [5]


def test_split_jsonl_input_no_thread_pages_and_reserved_pages(tmp_path):
    page = write_page(tmp_path)
    split = tmp_path / "comments.jsonl"
    assert runner.invoke(app, ["split", str(page), "--out", str(split)]).exit_code == 0
    article = tmp_path / "article.txt"
    article.write_text("Title\nJust an article, no comments.\n")
    pages, notes = read_inputs([str(split), str(article), str(page)])
    assert [c.start_line for c in pages["p.txt"]] == [5, 7, 9, 11, 13]
    assert any("no comment thread found" in n for n in notes) and any("already given" in n for n in notes)

    reserved = tmp_path / "reserved.jsonl"
    reserved.write_text(json.dumps({"page": f"dragnet/{sorted(dragnet.RESERVED)[0]}", "start_line": 1,
                                    "end_line": 1, "text": "hi"}) + "\n")
    result = label(reserved, "--store", tmp_path / "s.jsonl")
    assert result.exit_code == 1 and "is reserved for evaluation" in result.output
    assert not (tmp_path / "s.jsonl").exists()


class Stub:
    """A model whose probabilities are fixed per text."""

    def __init__(self, table):
        self.table = table

    def predict_proba(self, texts):
        return [self.table[t] for t in texts]


def test_uncertain_order_asks_the_lowest_margin_first(tmp_path):
    page = write_page(tmp_path)
    pages, _ = read_inputs([str(page)])
    rows = [[0.9, 0.05, 0.05, 0, 0], [0.4, 0.35, 0.25, 0, 0], [0.5, 0.5, 0, 0, 0], [0.2, 0.3, 0.5, 0, 0],
            [0.6, 0.1, 0.1, 0.1, 0.1]]
    stub = Stub({c.text: row for c, row in zip(pages["p.txt"], rows)})
    session = LabelSession(pages, LabelStore(tmp_path / "s.jsonl"), predict_proba=stub.predict_proba)
    order = []
    while session.current:
        order.append(session.current.comment.start_line)
        session.answer("other")
    # margins: 0.85, 0.05, 0.0, 0.2, 0.5
    assert order == [9, 7, 11, 13, 5]


def test_uncertain_order_with_a_fixed_trained_model(tmp_path):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from classifier.models import save_model

    train_texts = ["do you know when", "when does it open?", "you are mistaken", "that is not true",
                   "thanks for the post", "great post, thanks", "see http://example.org", "here is the link",
                   "I had a dog once", "nice weather today"]
    pipeline = make_pipeline(TfidfVectorizer(), LogisticRegression(random_state=0))
    pipeline.fit(train_texts, [0, 0, 1, 1, 3, 3, 2, 2, 4, 4])
    save_model(pipeline, {"labels": ["question", "rebuttal", "link-share", "thanks", "other"]}, "tiny", tmp_path)
    page = write_page(tmp_path)
    pages, _ = read_inputs([str(page)])
    by_margin = margins(pipeline.predict_proba, [c.text for c in pages["p.txt"]])
    assert len(set(by_margin)) == 5  # no ties: the order below is the model's alone
    expected = sorted(range(5), key=by_margin.__getitem__)
    assert expected[0] != 0  # and it differs from page order

    result = label(page, "--store", tmp_path / "s.jsonl", "--order", "uncertain", "--model", "tiny",
                   "--models-dir", tmp_path, input="o o o x")
    assert result.exit_code == 0, result.output
    asked = [int(line.split(":")[1].split("-")[0]) for line in result.output.splitlines() if line.startswith("saved")]
    assert asked == [pages["p.txt"][i].start_line for i in expected[:3]]
    # The model orders only: no probability or predicted label is shown.
    assert "confidence" not in result.output and "predict" not in result.output.lower()


def test_model_without_uncertain_order_is_a_mistake(tmp_path):
    result = label(write_page(tmp_path), "--store", tmp_path / "s.jsonl", "--model", "default")
    assert result.exit_code == 1 and "add --order uncertain" in result.output


def test_help_teaches_with_an_example():
    result = runner.invoke(app, ["label", "--help"])
    assert result.exit_code == 0 and "Example" in result.output and "--order" in result.output


def test_old_temporary_copies_left_by_a_killed_session_are_removed(tmp_path):
    import os
    import time

    old, fresh = tmp_path / ".s.jsonl.abc.tmp", tmp_path / ".s.jsonl.def.tmp"
    for path in (old, fresh):
        path.write_text("partial")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    LabelStore(tmp_path / "s.jsonl")
    assert not old.exists() and fresh.exists()


def test_comments_labelled_in_another_file_of_the_folder_are_not_asked_again(tmp_path):
    page, folder = write_page(tmp_path), tmp_path / "labels"
    first = label(page, "--store", folder / "first.jsonl", input="q x")
    assert first.exit_code == 0, first.output and first_shown(first.output) == "p.txt:5-5"
    second = label(page, "--store", folder / "second.jsonl", "--known", folder, input="x")
    assert first_shown(second.output) == "p.txt:7-7" and "1 already labelled" in second.output
    # Without --known (the store is outside the project's labels/), only the store itself counts.
    third = label(page, "--store", folder / "third.jsonl", input="x")
    assert first_shown(third.output) == "p.txt:5-5"
