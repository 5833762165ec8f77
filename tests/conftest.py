"""Small inline corpora shared by the tests: pages, labels and a Dragnet-like archive built in tmp_path."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from classifier.labels import make_record
from classifier.pages import read_page_file, span_text

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Scoring caches models in the user's cache folder; tests keep theirs in a temporary one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
REPO = Path(__file__).resolve().parents[1]

# Six comments per label, one of each on each of six pages.
COMMENTS = {
    "question": ["Do you know when the report comes out?", "How much did the repair cost you?",
                 "Can someone explain what the new rule changes?", "Is there a version of this for Windows?",
                 "Where did you buy that fabric?", "What time does the market open on Sundays?"],
    "rebuttal": ["You are mistaken, the law passed in 2009 not 2011.", "That is not true, the study found the opposite.",
                 "The point is not the cost but the delay, your numbers are wrong.", "Wrong, the team lost both games.",
                 "Not true at all, the bridge was never closed.", "You misread the data, prices fell last year."],
    "link-share": ["http://example.com/story here is the full story", "Here's the BBC version http://bbc.example/news",
                   "Related coverage: http://news.example.org/a/1", "http://example.net/report worth a look",
                   "Pingback: http://blog.example.com/post on the same topic", "See http://example.org/data for the dataset"],
    "thanks": ["Thanks for the hard work, great post!", "Great article, thank you so much.",
               "Thank you for writing this, lovely cards.", "Great post, thanks for sharing.",
               "Many thanks, this was really helpful.", "Beautiful photos, thanks for posting."],
    "other": ["I had the same thing happen to my car last winter.", "My grandmother used to make this every Sunday.",
              "Cats are better than dogs anyway.", "I agree with the previous commenter completely.",
              "We went there on holiday in 2010 and loved it.", "The weather here has been awful all week."],
}
LABEL_ORDER = ["question", "rebuttal", "link-share", "thanks", "other"]


def thread_page(index: int) -> str:
    """Page `index`: an article, a "5 Comments" header, then one comment per label with author lines."""
    lines = [f"Article number {index} about local news", "The council met on Tuesday and discussed the budget.",
             "5 Comments"]
    for label in LABEL_ORDER:
        lines.append(f"Reader{index}{label[:3]} says:")
        lines.append(COMMENTS[label][index])
    return "\n".join(lines) + "\n"


@pytest.fixture
def labelled_store(tmp_path: Path) -> dict:
    """Six page files and a label file labelling every comment on them; returns their paths."""
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()
    records = []
    for index in range(6):
        path = pages_dir / f"page{index}.txt"
        path.write_text(thread_page(index), encoding="utf-8")
        page = read_page_file(path)
        for offset, label in enumerate(LABEL_ORDER):
            line = 5 + 2 * offset
            records.append(make_record(page.name, line, line, span_text(page, line, line), label))
    labels_dir = tmp_path / "labels"
    labels_dir.mkdir()
    (labels_dir / "tiny.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return {"pages": pages_dir, "labels": labels_dir, "records": records, "models": tmp_path / "models"}


def make_archive(path: Path, members: dict[str, bytes]) -> Path:
    """A tar.gz laid out like dragnet_Corrected.tar.gz: Corrected/<ID>.html.corrected.txt."""
    with tarfile.open(path, "w:gz") as tar:
        for page_id, data in members.items():
            info = tarfile.TarInfo(f"Corrected/{page_id}.html.corrected.txt")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path
