import json

import pytest
from typer.testing import CliRunner

from classifier.cli import app
from classifier.errors import ClassifierError
from classifier.pages import Page, split_lines
from classifier.thread_marker import marked_start, marker_pattern

# The count under the title matches the marker too; the thread's own header is the last match.
PAGE = """Council votes on the road plan
3 Responses
The council met on Tuesday and argued for three hours about the roads.
Two members said the 3 responses to the survey were too few to count.

3 Responses

Rosa Diaz says:
Lovely piece, thanks.

Ben Hall says:
I disagree with the mayor.

Kim Park says:
When is the next meeting?

Leave a Reply
"""


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_the_thread_starts_after_the_last_line_the_marker_matches_in_full():
    page = Page("p", split_lines(PAGE))
    assert marked_start(page, marker_pattern(r"\d+ responses")) == 7  # line 6 is the header; line 4 only mentions it
    assert marked_start(page, marker_pattern("join the discussion")) is None


def test_split_after_the_marker_gives_each_comment_and_stops_at_the_reply_form(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    result = invoke("split", path, "--thread-after", r"\d+ responses")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["Lovely piece, thanks.", "I disagree with the mayor.", "When is the next meeting?"]
    assert [r["author"] for r in records] == ["Rosa Diaz", "Ben Hall", "Kim Park"]


def test_a_page_without_the_marker_is_split_as_usual_with_a_note(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    plain = invoke("split", path)
    marked = invoke("split", path, "--thread-after", "join the discussion")
    assert marked.exit_code == 0 and marked.stdout == plain.stdout
    assert "no line matches --thread-after" in marked.stderr


@pytest.mark.parametrize("pattern", ["(", "  "])
def test_a_bad_marker_is_one_line_and_exit_1(tmp_path, pattern):
    path = tmp_path / "page.txt"
    path.write_text(PAGE)
    result = invoke("split", path, "--thread-after", pattern)
    assert result.exit_code == 1 and "--thread-after" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    with pytest.raises(ClassifierError, match="--thread-after"):
        marker_pattern(pattern)
