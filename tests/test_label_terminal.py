"""`classifier label` as a real process: killed with SIGKILL mid-session, and driven in a real terminal."""

import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest
from typer.testing import CliRunner

from classifier.cli import app
from classifier.label_inputs import read_inputs
from classifier.label_store import LabelStore, SkipList
from test_label import first_shown, stored, write_page

SAVED = re.compile(r"^saved (\S+):(\d+)-(\d+) (\S+)(?: \(also (.+)\))?$")
UNDONE = re.compile(r"^undone (\S+):(\d+)-(\d+) (\S+)$")


def wait_for(condition, timeout=20.0, what="the session"):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def killed_session(folder, rng: random.Random) -> list[str]:
    """Start a session, type a few random keys with random pauses, SIGKILL it; returns every line it printed."""
    process = subprocess.Popen([sys.executable, "-m", "classifier", "label", "p.txt", "--store", "s.jsonl"],
                               cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, bufsize=1)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(line.rstrip("\n") for line in process.stdout))
    reader.start()
    try:
        wait_for(lambda: any("to label into" in line for line in lines), what="the session to start")
        for _ in range(rng.randint(1, 10)):
            process.stdin.write(rng.choice("qrltoqrltoaus"))
            process.stdin.flush()
            time.sleep(rng.uniform(0, 0.015))
        time.sleep(rng.uniform(0, 0.03))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        reader.join(timeout=10)
    assert process.returncode == -signal.SIGKILL
    return lines


def next_question(folder) -> str:
    """Where a rerun must start: the first comment in page order neither labelled nor skipped, else skipped."""
    spans = LabelStore(folder / "s.jsonl").spans()
    skipped = SkipList(folder / "s.jsonl").spans
    comments = read_inputs([str(folder / "p.txt")])[0]["p.txt"]
    waiting = [c for c in comments if (c.page, c.start_line, c.end_line) not in spans]
    first = min(waiting, key=lambda c: (c.page, c.start_line, c.end_line) in skipped)
    return f"{first.page}:{first.start_line}-{first.end_line}"


def test_sigkill_at_a_random_moment_loses_no_confirmed_answer_and_resumes(tmp_path):
    write_page(tmp_path, count=60)
    store = tmp_path / "s.jsonl"
    rng = random.Random(6)
    before: list[tuple] = []
    for _ in range(6):
        lines = killed_session(tmp_path, rng)
        expected = list(before)
        for line in lines:
            if match := SAVED.match(line):
                page, start, _, label, also = match.groups()
                expected.append((page, int(start), label, tuple(also.split(", ")) if also else ()))
            elif match := UNDONE.match(line):
                assert expected.pop()[:3] == (match[1], int(match[2]), match[4])
        after = stored(store) if store.exists() else []  # parses, or raises naming file:line
        LabelStore(store)  # and passes the store's own checks (no overlap, no duplicate)
        # Every confirmed answer is there; at most the one being saved (or undone) at the kill differs.
        assert (after == expected or (after[:-1] == expected and len(after) == len(expected) + 1)
                or (after == expected[:-1] and len(expected) > len(before))), (lines, after, expected)
        assert [p.name for p in tmp_path.glob("*.jsonl")] == ["s.jsonl"]  # no stray file joins the label store
        result = CliRunner().invoke(app, ["label", str(tmp_path / "p.txt"), "--store", str(store)], input="x")
        assert result.exit_code == 0 and first_shown(result.output) == next_question(tmp_path)
        before = after
    assert len(before) >= 6  # the rounds did save answers


def tmux_available():
    return shutil.which("tmux") is not None


@pytest.mark.skipif(not tmux_available(), reason="tmux is not installed; the real-terminal test needs it")
def test_a_real_terminal_session_in_tmux(tmp_path):
    write_page(tmp_path)
    tmux = ["tmux", "-L", f"classifier-test-{os.getpid()}", "-f", os.devnull]  # a private server, no user config
    command = (f"{shlex.quote(sys.executable)} -m classifier label p.txt --store s.jsonl; echo EXIT=$?; sleep 60")
    subprocess.run(tmux + ["new-session", "-d", "-s", "label", "-x", "150", "-y", "50", "-c", str(tmp_path), command],
                   check=True)

    def screen():
        return subprocess.run(tmux + ["capture-pane", "-p", "-t", "label", "-S", "-100"],
                              capture_output=True, text=True).stdout

    def press(*keys, then):
        subprocess.run(tmux + ["send-keys", "-t", "label", *keys], check=True)
        wait_for(lambda: then in screen(), what=then)

    try:
        wait_for(lambda: "lines 5-5" in screen(), what="the first comment")
        press("Up", "q", then="saved p.txt:5-5 question")  # an arrow key is ignored
        press("a", then="also which act?")
        press("t", then="also: thanks")
        press("r", then="saved p.txt:7-7 rebuttal (also thanks)")
        press("s", "C-d", then="EXIT=0")  # typed together: the key after a save is not lost
        assert "2 answer(s) saved to s.jsonl this session, 1 skipped" in screen()
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)
    assert stored(tmp_path / "s.jsonl") == [("p.txt", 5, "question", ()), ("p.txt", 7, "rebuttal", ("thanks",))]
