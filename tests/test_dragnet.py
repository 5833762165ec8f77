import gzip

import pytest

from classifier import dragnet
from classifier.errors import ClassifierError
from classifier.sources import PageSource

from conftest import make_archive

THREAD = "Title\nArticle text.\n!@#$%^&*()  COMMENTS\nAnn says:\nNice.\n"


@pytest.fixture
def archive(tmp_path):
    return make_archive(tmp_path / "mini.tar.gz", {
        "R1": THREAD.encode("utf-8"),
        "R2": "Caf\u00e9 article \u2019quoted\u2019\nNo thread here.\n".encode("cp1252"),
        "R3": "Title\nText.\n!@ $%^&*() COMMENTS\t\nBen says:\nHi.\n".encode("utf-8"),
        "R106": THREAD.encode("utf-8"),  # reserved in the real corpus
    })


def test_pages_read_straight_from_the_archive(archive):
    pages = dragnet.read_archive(archive)
    assert sorted(pages) == ["dragnet/R1", "dragnet/R2", "dragnet/R3"]
    first = pages["dragnet/R1"]
    assert first.thread_start == 3 and first.lines[2] == "Ann says:"
    assert not any("COMMENTS" in line for line in first.lines)


def test_cp1252_page_and_loose_separator(archive):
    pages = dragnet.read_archive(archive)
    assert pages["dragnet/R2"].lines[0] == "Caf\u00e9 article \u2019quoted\u2019"
    assert pages["dragnet/R2"].thread_start is None
    assert pages["dragnet/R3"].thread_start == 3


def test_reserved_pages_skipped_unless_asked(archive):
    assert "dragnet/R106" not in dragnet.read_archive(archive)
    assert "dragnet/R106" in dragnet.read_archive(archive, include_reserved=True)
    with pytest.raises(ClassifierError, match="reserved for evaluation"):
        PageSource(archive=archive).get("dragnet/R106")


def test_damaged_archive_is_one_clear_error(archive, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    damaged.write_bytes(archive.read_bytes()[:200])
    with pytest.raises(ClassifierError, match="is damaged"):
        dragnet.read_archive(damaged)
    not_tar = tmp_path / "not.tar.gz"
    not_tar.write_bytes(gzip.compress(b"plain text"))
    with pytest.raises(ClassifierError, match="damaged|holds no Dragnet pages"):
        dragnet.read_archive(not_tar)


def test_archive_lookup_order(archive, tmp_path, monkeypatch):
    monkeypatch.setenv(dragnet.ENV_VAR, str(archive))
    assert dragnet.find_archive() == archive
    assert dragnet.find_archive(archive) == archive
    monkeypatch.setenv(dragnet.ENV_VAR, str(tmp_path / "nowhere.tar.gz"))
    with pytest.raises(ClassifierError, match="points to"):
        dragnet.find_archive()
    monkeypatch.delenv(dragnet.ENV_VAR)
    monkeypatch.setattr(dragnet, "SHARED_COPY", tmp_path / "absent.tar.gz")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(ClassifierError, match="fetch-dragnet"):
        dragnet.find_archive()


def test_download_checks_sha256_and_writes_atomically(archive, tmp_path, monkeypatch):
    import hashlib

    url = archive.as_uri()  # a local file: tests never touch the network
    monkeypatch.setattr(dragnet, "ARCHIVE_SHA256", hashlib.sha256(archive.read_bytes()).hexdigest())
    seen = []
    target = dragnet.download_archive(tmp_path / "cache" / "d.tar.gz", progress=lambda d, t: seen.append(d), url=url)
    assert target.read_bytes() == archive.read_bytes() and seen[-1] == archive.stat().st_size
    monkeypatch.setattr(dragnet, "ARCHIVE_SHA256", "0" * 64)
    with pytest.raises(ClassifierError, match="wrong sha256"):
        dragnet.download_archive(tmp_path / "other.tar.gz", url=url)
    assert not (tmp_path / "other.tar.gz").exists() and not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("line, is_separator", [
    ("!@#$%^&*()  COMMENTS", True),
    ("!@#$%^&*()", True),  # the word left out
    ("!@#$%^&*()  COMMNENTS", True),  # misspelt
    ("!@#$%^&*()  CORRECTED", True),
    ("*****", False),  # an article's section break
    ("* * * * * COMMENTS follow", False),
])
def test_separator_variants(line, is_separator):
    assert bool(dragnet.SEPARATOR.match(line)) is is_separator
