"""Score a directory or glob of JSONL / Parquet files on a Dask cluster, one output file per input file.

Each input file is one partition: one task reads it in batches, scores them with exactly the code a
single process uses (so the output equals `classifier score FILE`), and writes OUT/STEM.jsonl (or
.csv) atomically. The model is scattered to every worker once and the tasks share it. Workers read
and write the same paths as the client, so on a real cluster give paths on a shared file system.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ClassifierError
from .inputs import read_batches
from .output import AtomicOutput
from .score import ScoreOptions, csv_header, score_raw_batch

SUFFIXES = (".jsonl", ".json", ".parquet")


@dataclass
class PartitionResult:
    source: str
    output: str
    comments: int
    errors: int


def partition_files(inputs: list[str]) -> list[Path]:
    """The JSONL / Parquet files named by folders, globs or paths, sorted, each once."""
    from .sources import expand_paths

    found = [Path(name) for name in expand_paths(inputs, SUFFIXES, ".jsonl or .parquet files")]
    for path in found:
        if not path.is_file():
            raise ClassifierError(f"{path}: no such file or folder; give a folder or glob of .jsonl / .parquet files")
    return found


def output_paths(files: list[Path], out_dir: Path, output_format: str, force: bool) -> list[Path]:
    """OUT/STEM.FORMAT for every input file, refusing clashes and (without --force) existing files."""
    if not out_dir.is_dir():
        raise ClassifierError(f"--out {out_dir} must be an existing folder for --dask; create it first")
    outputs = [out_dir / f"{f.stem}.{output_format}" for f in files]
    seen: dict[Path, Path] = {}
    for source, target in zip(files, outputs):
        if target in seen:
            raise ClassifierError(f"{seen[target]} and {source} would both write {target}; rename one of them")
        seen[target] = source
        if target.exists() and not force:
            raise ClassifierError(f"{target} already exists; pass --force to replace it")
    return outputs


def score_partition(source: str, target: str, model, labels: list[str], options: ScoreOptions) -> PartitionResult:
    """Score one file into one output file (runs on a worker)."""
    comments = errors = 0
    with AtomicOutput(Path(target), force=True) as stream:
        if options.output_format == "csv":
            stream.write(csv_header(labels))
        for batch in read_batches([source]):
            output, count, bad, _ = score_raw_batch(model, labels, batch, options)
            stream.write(output)
            comments, errors = comments + count, errors + bad
    return PartitionResult(source, target, comments, errors)


def score_on_dask(address: str, files: list[Path], outputs: list[Path], model, labels: list[str],
                  options: ScoreOptions, local_workers: int = 2) -> list[PartitionResult]:
    """Score every file as one task on the cluster at `address` (`local`: a LocalCluster here)."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        try:
            client = Client(cluster if cluster is not None else address, timeout="20s")
        except OSError as exc:
            raise ClassifierError(f"cannot reach the Dask scheduler at {address} ({exc}); check the address, "
                                  "or use --dask local") from None
        with client:
            shared = client.scatter(model, broadcast=True)  # sent to each worker once, used by every task
            futures = client.map(score_partition, [str(f) for f in files], [str(o) for o in outputs],
                                 model=shared, labels=labels, options=options, pure=False)
            return client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()
