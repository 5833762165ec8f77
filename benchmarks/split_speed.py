"""How fast `classifier split` is on real pages, in one process and in worker processes.

Run by hand from the repository root (about two minutes on a 2-core machine):

    .venv/bin/python benchmarks/split_speed.py            # medians of 3 runs
    .venv/bin/python benchmarks/split_speed.py --runs 1

It writes the Dragnet development pages (reserved and splitter-held-out pages left out) as page files to a
temporary folder, runs `classifier split` on that folder at --jobs 1 and 2 (process start and model
load included), and prints pages/s, lines/s and comments found. The output of both runs must be the same.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from classifier.dragnet import read_archive  # noqa: E402
from classifier.errors import ClassifierError  # noqa: E402
from classifier.split_report import heldout_pages  # noqa: E402

CLASSIFIER = str(Path(sys.executable).with_name("classifier"))


def write_pages(folder: Path) -> tuple[list[Path], int]:
    """The development pages as files in `folder`, and their total line count."""
    held = heldout_pages()
    paths, lines = [], 0
    for name, page in sorted(read_archive().items()):
        if name in held:
            continue
        path = folder / (name.replace("/", "_") + ".txt")
        path.write_text("\n".join(page.lines) + "\n", encoding="utf-8")
        paths.append(path)
        lines += len(page.lines)
    return paths, lines


def timed_split(folder: Path, jobs: int, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([CLASSIFIER, "split", str(folder), "--jobs", str(jobs), "--out", str(out), "--force"],
                   check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per setting; the median is printed")
    args = parser.parse_args()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            paths, lines = write_pages(folder)
            print(f"{len(paths)} pages, {lines:,} lines; cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
            digests = set()
            for jobs in (1, 2):
                out = folder / f"jobs{jobs}.jsonl"
                seconds = statistics.median(timed_split(folder, jobs, out) for _ in range(args.runs))
                text = out.read_bytes()
                digests.add(hashlib.sha256(text).hexdigest())
                comments = text.count(b"\n")
                print(f"--jobs {jobs}: {seconds:.1f} s, {len(paths) / seconds:.0f} pages/s, {lines / seconds:,.0f} lines/s, "
                      f"{comments:,} comments")
            print("same output for both" if len(digests) == 1 else "OUTPUTS DIFFER")
    except ClassifierError as exc:
        sys.exit(f"Error: {exc}")


if __name__ == "__main__":
    main()
