"""Score a stream of batches in input order: in this process, or over joblib's worker processes.

The main process only cuts the input into raw batches and writes what comes back; workers parse,
score and format. At most `2 * jobs` batches are in flight, so memory does not grow with the input,
and every batch is scored the same way whichever process scores it, so the output is byte for byte
the same for any --jobs.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .inputs import RawBatch
from .model_cache import ModelRef, cached_model
from .score import ScoreOptions, score_raw_batch


@dataclass
class BatchResult:
    output: object  # text (jsonl / csv) or a list of records
    comments: int
    errors: int
    size: int  # input bytes the batch accounts for
    labels: Counter = field(default_factory=Counter)  # comments given each label


def _score(ref: ModelRef, labels: list[str], batch: RawBatch, options: ScoreOptions) -> BatchResult:
    output, comments, errors, counts = score_raw_batch(cached_model(ref), labels, batch, options)
    return BatchResult(output, comments, errors, batch.size, counts)


def score_batches(ref: ModelRef, labels: list[str], batches: Iterable[RawBatch],
                  options: ScoreOptions = ScoreOptions(), jobs: int = 1) -> Iterator[BatchResult]:
    """Each batch's result in input order; `jobs` > 1 scores batches in that many worker processes."""
    if jobs <= 1:
        for batch in batches:
            yield _score(ref, labels, batch, options)
        return
    from joblib.externals.loky import get_reusable_executor

    executor = get_reusable_executor(max_workers=jobs, timeout=60)
    pending: deque = deque()
    try:
        for batch in batches:
            pending.append(executor.submit(_score, ref, labels, batch, options))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
