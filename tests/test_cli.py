import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from classifier.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def model_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


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
    (["split", "nowhere/*.txt"], "nowhere/*.txt: no .txt pages there"),
    (["split", "{models}"], "no .txt pages there; check the folder"),
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


def test_split_takes_a_folder_or_a_quoted_glob_of_pages(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for n in range(3):
        (folder / f"p{n}.txt").write_text(f"Title {n}\nArticle {n}.\n\n2 Comments\nAnn says:\nHello {n}.\n\nBo says:\nHi {n}!\n")
    (folder / "notes.md").write_text("not a page")
    files = invoke("split", *sorted(folder.glob("*.txt")))
    assert files.exit_code == 0 and files.stdout.count("\n") == 6
    assert invoke("split", folder).stdout == files.stdout
    assert invoke("split", f"{folder}/*.txt", folder / "p0.txt").stdout == files.stdout  # each page once


def test_existing_output_is_not_overwritten(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Title\nArticle.\n1 Comment\nHello there.\n")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me")
    result = invoke("split", page, "--out", out)
    assert result.exit_code == 1 and out.read_text() == "keep me"
    assert invoke("split", page, "--out", out, "--force").exit_code == 0 and "Hello there." in out.read_text()


def test_split_in_worker_processes_gives_the_same_output_and_notes(tmp_path, monkeypatch):
    from classifier import split_pages

    monkeypatch.setattr(split_pages, "CHUNK", 2)  # several chunks in flight from a handful of pages
    paths = []
    for n in range(7):
        page = tmp_path / f"p{n}.txt"
        thread = "" if n == 3 else f"{n + 1} Comments\nAnn says:\nHello {n}.\n\nBo says:\nThanks, Ann {n}!\n"
        page.write_text(f"Title {n}\nAn article about roads and money, number {n}.\n\n{thread}")
        paths.append(page)
    one, two = invoke("split", *paths), invoke("split", *paths, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.count("\n") == 12
    assert one.stderr == two.stderr and "p3.txt: no comment thread found" in two.stderr


@pytest.mark.parametrize("command", [[], ["split"], ["train"], ["score"], ["confusion"]])
def test_help_teaches_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "classifier" in result.output and "xample" in result.output


def test_a_bad_row_gets_an_error_field_and_the_run_goes_on(trained):
    lines = '{"id": "a", "text": "Why?"}\n{broken\n{"id": "c", "text": 7}\n{"id": "d", "text": "Thanks!"}\n'
    result = invoke("score", "-", "--model", "tiny", "--models-dir", trained["models"], input=lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "stdin:2", "c", "d"]
    assert [bool(r.get("error")) for r in rows] == [False, True, True, False]
    # No progress bar when stderr is not a terminal: the note is all it says.
    assert result.stderr.splitlines() == ["2 of 4 row(s) could not be scored; their `error` field says why"]


def test_jobs_2_writes_the_same_bytes_as_jobs_1(trained, tmp_path):
    source = tmp_path / "many.jsonl"
    texts = ["Why would you?", "Thanks a lot!", "Wrong, it was 2009.", "http://example.com/a look", "I had one."]
    source.write_text("".join(json.dumps({"text": f"{texts[i % 5]} {i}"}) + "\n" for i in range(4500)) + "oops\n")
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"jobs{jobs}.csv"
        result = invoke("score", source, "--model", "tiny", "--models-dir", trained["models"], "--jobs", jobs,
                        "--format", "csv", "--out", out)
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0].splitlines()) == 4502
    assert outputs[0].splitlines()[-1].endswith(b"not valid JSON (Expecting value)")


@pytest.mark.parametrize("args", [["--help"], ["score", "--help"]])
def test_help_does_not_import_the_heavy_libraries(args):
    code = ("import sys\nsys.argv = ['classifier', *sys.argv[1:]]\nfrom classifier.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = {'sklearn', 'datasets', 'matplotlib', 'numpy', 'scipy', 'joblib', 'rich', 'dask', 'pyarrow'}\n"
            "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Usage: classifier" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "[]"
