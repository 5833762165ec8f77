"""How fast `classifier score` is, against the model's own vectoriser and the naive ways of scoring.

Run by hand from the repository root (takes ~15 minutes on a 2-core machine):

    .venv/bin/python benchmarks/score_speed.py                 # everything, medians of 3 runs
    .venv/bin/python benchmarks/score_speed.py --runs 1 --skip-rss

It generates a made-up corpus of 200,000 comments (benchmarks/synthetic.py, deterministic) in a
temporary folder and prints, for the default and the fast model: end-to-end comments/s of
`classifier score` at --jobs 1 and 2 (process start and model load included), predict_proba one
comment at a time and on a whole list, the vectoriser alone (scikit-learn's, and our exact fast
one); then peak RSS for 100 MB and 1 GB inputs, and `classifier --help` wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

from synthetic import comments, write_jsonl, write_jsonl_of_size  # noqa: E402

CLASSIFIER = str(Path(sys.executable).with_name("classifier"))
CORPUS_SIZE = 200_000


def median_of(runs: int, measure) -> float:
    return statistics.median(measure() for _ in range(runs))


def wall(args: list[str], **kwargs) -> float:
    began = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - began


def in_process_rates(model_name: str, runs: int) -> dict[str, float]:
    """predict_proba one at a time and on a list; scikit-learn's vectoriser and ours, alone."""
    from classifier.fastvec import compile_model
    from classifier.models import load_model

    pipeline, _ = load_model(model_name)
    compiled = compile_model(pipeline)
    sample = list(comments(20_000, seed=7))
    single = sample[:1000]

    def rate(function, items) -> float:
        def measure():
            began = time.perf_counter()
            function(items)
            return len(items) / (time.perf_counter() - began)
        return median_of(runs, measure)

    return {
        "predict_proba, one comment at a time": rate(lambda xs: [pipeline.predict_proba([x]) for x in xs], single),
        "predict_proba, whole list (20,000)": rate(pipeline.predict_proba, sample),
        "vectoriser alone, scikit-learn (the model's own)": rate(pipeline.named_steps["features"].transform, sample),
        "vectoriser alone, fastvec (exact, what score runs)": rate(compiled.transform, sample),
    }


def end_to_end(corpus: Path, model_name: str, jobs: int, runs: int, out: Path) -> float:
    args = [CLASSIFIER, "score", str(corpus), "--model", model_name, "--jobs", str(jobs), "--out", str(out), "--force"]
    subprocess.run(args, check=True)  # warm the model cache and the page cache
    return CORPUS_SIZE / median_of(runs, lambda: wall(args))


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    family, frontier = {root}, [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier and pid not in family]
        family.update(children)
        frontier = children
    return sum(rss.get(pid, 0) for pid in family)


def peak_rss(args: list[str]) -> tuple[int, int, float]:
    """(max RSS of the largest single process, from /usr/bin/time; peak RSS of the whole process
    tree, sampled every 0.2 s; wall seconds). RSS in KB. /usr/bin/time forks from a small process,
    so the figure is not inflated by this script's own memory as os.wait4 after a fork here would be."""
    began = time.perf_counter()
    process = subprocess.Popen(["/usr/bin/time", "-f", "%M", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{args} failed with {process.returncode}: {errors}")
    return int(errors.strip().splitlines()[-1]), peak, time.perf_counter() - began


def _spin(n: int) -> None:
    total = 0
    for i in range(n):
        total += i


def parallel_headroom(n: int = 20_000_000) -> float:
    """How many times more work two busy processes get done than one: ~2 on an idle 2-core machine."""
    import multiprocessing

    began = time.perf_counter()
    _spin(n)
    one = time.perf_counter() - began
    with multiprocessing.Pool(2) as pool:
        began = time.perf_counter()
        pool.map(_spin, [n, n])
        two = time.perf_counter() - began
    return 2 * one / two


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (the median is printed)")
    parser.add_argument("--models", nargs="+", default=["default", "fast"])
    parser.add_argument("--skip-rss", action="store_true", help="skip the 100 MB / 1 GB peak-RSS runs")
    parser.add_argument("--rss-model", default="fast", help="model for the peak-RSS runs")
    parser.add_argument("--rss-jobs", type=int, default=2)
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; median of {options.runs} run(s)")
    print(f"parallel headroom: two busy processes do {parallel_headroom():.2f} x the work of one (2.00 on an idle machine)")

    with tempfile.TemporaryDirectory(prefix="score-bench-") as tmp:
        tmp = Path(tmp)
        corpus = write_jsonl(tmp / "corpus.jsonl", CORPUS_SIZE)
        texts = list(comments(CORPUS_SIZE))
        print(f"corpus: {CORPUS_SIZE:,} synthetic comments, {sum(map(len, texts)) / len(texts):.0f} characters "
              f"on average, {corpus.stat().st_size / 1e6:.0f} MB of JSONL")
        del texts

        for model_name in options.models:
            print(f"\nmodel {model_name}")
            rates = in_process_rates(model_name, options.runs)
            for jobs in (1, 2):
                rates[f"classifier score end to end, --jobs {jobs}"] = end_to_end(
                    corpus, model_name, jobs, options.runs, tmp / "scored.jsonl")
            for what, value in rates.items():
                print(f"  {what:<52} {value:>9,.0f} comments/s")
            for ceiling in ("vectoriser alone, scikit-learn (the model's own)", "vectoriser alone, fastvec (exact, what score runs)"):
                print(f"  end to end / {ceiling.split(', ')[1].split(' (')[0]} vectoriser: "
                      f"--jobs 1 {rates['classifier score end to end, --jobs 1'] / rates[ceiling]:.2f} x, "
                      f"--jobs 2 {rates['classifier score end to end, --jobs 2'] / rates[ceiling]:.2f} x")

        if not options.skip_rss:
            print(f"\npeak RSS, model {options.rss_model}, --jobs {options.rss_jobs}, output to /dev/null")
            for label, size in (("100 MB", 100_000_000), ("1 GB", 1_000_000_000)):
                big = write_jsonl_of_size(tmp / "big.jsonl", size)
                largest, tree, seconds = peak_rss([CLASSIFIER, "score", str(big), "--model", options.rss_model,
                                                   "--jobs", str(options.rss_jobs)])
                lines = sum(1 for _ in open(big, "rb"))
                print(f"  {label} ({lines:,} comments): largest process {largest / 1024:,.0f} MB, "
                      f"all processes together {tree / 1024:,.0f} MB, {lines / seconds:,.0f} comments/s")
                big.unlink()

    for args in ([CLASSIFIER, "--help"], [CLASSIFIER, "score", "--help"]):
        wall(args)
        times = sorted(wall(args) for _ in range(max(10, options.runs * 5)))
        print(f"\n`{' '.join(['classifier', *args[1:]])}`: median {statistics.median(times):.3f} s, "
              f"fastest {times[0]:.3f} s over {len(times)} runs")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}; "
          f"parallel headroom at the end: {parallel_headroom():.2f} x")


if __name__ == "__main__":
    main()
