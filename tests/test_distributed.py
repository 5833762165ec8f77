"""A real two-worker LocalCluster scores a folder of JSONL and Parquet files like one process does."""

import json

import pytest
from typer.testing import CliRunner

from classifier.cli import app

runner = CliRunner()


@pytest.fixture
def trained(labelled_store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    models = labelled_store["models"]
    result = runner.invoke(app, ["train", "--labels", str(labelled_store["labels"]), "--pages", str(labelled_store["pages"]),
                                 "--models-dir", str(models), "--features", "word", "--name", "tiny"])
    assert result.exit_code == 0, result.output
    return models


def test_dask_local_cluster_output_equals_single_process_output(trained, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts = tmp_path / "parts"
    parts.mkdir()
    texts = ["Why would you?", "Thanks a lot!", "Wrong, it was 2009.", "http://example.com/a look", "I had one."]
    for n in range(3):
        (parts / f"part{n}.jsonl").write_text("".join(json.dumps({"text": f"{texts[(i + n) % 5]} {i}"}) + "\n"
                                                      for i in range(2500)) + "{bad\n")
    pq.write_table(pa.table({"id": [f"q{i}" for i in range(50)], "text": [texts[i % 5] for i in range(50)]}),
                   parts / "part3.parquet")
    out = tmp_path / "scored"
    out.mkdir()
    args = ["--model", "tiny", "--models-dir", str(trained)]
    result = runner.invoke(app, ["score", str(parts), "--dask", "local", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert "Scored 7,553 comments from 4 file(s)" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"part{n}.jsonl" for n in range(4)]
    for n, suffix in enumerate(["jsonl"] * 3 + ["parquet"]):
        single = runner.invoke(app, ["score", str(parts / f"part{n}.{suffix}"), *args])
        assert single.exit_code == 0
        assert (out / f"part{n}.jsonl").read_text() == single.stdout

    again = runner.invoke(app, ["score", str(parts / "*.jsonl"), "--dask", "local", "--out", str(out), *args])
    assert again.exit_code == 1 and "part0.jsonl already exists; pass --force" in again.output


def test_partition_files_reads_folders_and_globs_and_names_a_missing_file(tmp_path):
    from classifier.distributed import partition_files
    from classifier.errors import ClassifierError

    for name in ("b.jsonl", "a.parquet", "notes.txt"):
        (tmp_path / name).write_text("{}\n")
    folder = [tmp_path / "a.parquet", tmp_path / "b.jsonl"]
    assert partition_files([str(tmp_path)]) == folder
    assert partition_files([f"{tmp_path}/*.jsonl", str(tmp_path)]) == [tmp_path / "b.jsonl", tmp_path / "a.parquet"]
    with pytest.raises(ClassifierError, match="missing.jsonl: no such file or folder"):
        partition_files([str(tmp_path / "missing.jsonl")])
    with pytest.raises(ClassifierError, match=r"no \.jsonl or \.parquet files there"):
        partition_files([f"{tmp_path}/*.csv"])
