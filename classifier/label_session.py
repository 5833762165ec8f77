"""An interactive labelling session as data: which comment to ask next, and what each answer changes.

The session never proposes a label. A model may only choose the order of the questions
(LABELING.md section 5); nothing it predicts is shown or stored.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path

from .label_inputs import read_inputs, reply_context
from .label_store import LabelStore, SkipList, Span
from .labels import LABELS, LABELS_DIR, PRIORITY, make_record, read_records
from .pages import text_sha256
from .sources import PageSource
from .splitter import Comment

KEYS = {**{label[0]: label for label in LABELS}, **{str(n): label for n, label in enumerate(LABELS, 1)}}


@dataclass(frozen=True)
class Question:
    """One comment to label, with the comment it answers (`replies_to`) or else the one before it."""

    comment: Comment
    number: int
    page_total: int
    context: Comment | None = None
    replies_to: bool = False

    @property
    def span(self) -> Span:
        return self.comment.page, self.comment.start_line, self.comment.end_line


def margins(predict_proba, texts: list[str]) -> list[float]:
    """Top probability minus the second: small means the model is unsure."""
    if not texts:
        return []
    return [float(row[-1] - (row[-2] if len(row) > 1 else 0.0)) for row in (sorted(p) for p in predict_proba(texts))]


class LabelSession:
    """The queue of unlabelled comments and the answers given to them, saved as they are given."""

    def __init__(self, pages: dict[str, list[Comment]], store: LabelStore, skips: SkipList | None = None,
                 predict_proba=None, known: dict[Span, str] | None = None):
        self.store = store
        self.skips = skips
        # Labels in other files count too: asking again would make duplicates `classifier labels` rejects.
        stored = {**(known or {}), **store.spans()}
        questions, self.already, self.overlapping = [], 0, 0
        for comments in pages.values():
            for index, comment in enumerate(comments):
                question = Question(comment, index + 1, len(comments), *reply_context(comments, index))
                state = self._stored_state(question, stored)
                self.already += state == "labelled"
                self.overlapping += state == "overlaps"
                if state is None:
                    questions.append(question)
        if predict_proba is not None:
            by_margin = margins(predict_proba, [q.comment.text for q in questions])
            questions = [q for _, _, q in sorted(zip(by_margin, range(len(questions)), questions), key=lambda t: t[:2])]
        earlier_skips = skips.spans if skips else {}
        self.skipped_before = sum(q.span in earlier_skips for q in questions)
        # A stable sort: comments skipped in an earlier session go last, in their usual order.
        self._queue = deque(sorted(questions, key=lambda q: q.span in earlier_skips))
        self._answered: list[Question] = []
        self.skipped: list[Question] = []
        self.also: set[str] = set()

    @staticmethod
    def _stored_state(question: Question, stored: dict[Span, str]) -> str | None:
        """"labelled" if the store holds this span and text, "overlaps" if it holds another span over it."""
        page, start, end = question.span
        if stored.get(question.span) == text_sha256(question.comment.text):
            return "labelled"
        if any(p == page and s <= end and start <= e for p, s, e in stored):
            return "overlaps"
        return None

    @property
    def current(self) -> Question | None:
        return self._queue[0] if self._queue else None

    @property
    def remaining(self) -> int:
        return len(self._queue)

    @property
    def saved(self) -> int:
        return len(self._answered)

    def toggle_also(self, label: str) -> None:
        self.also.symmetric_difference_update({label})

    def check(self, label: str) -> str | None:
        """Why `label` with the pending `also` acts breaks the guide's order (section 3), or None."""
        higher = [act for act in self.also if PRIORITY[act] < PRIORITY[label]]
        if higher:
            best = min(higher, key=PRIORITY.get)
            return (f"the guide ranks {best} above {label} (section 3): press {best[0]} to make {best} the label, "
                    f"or a then {best[0]} to drop it from also")
        return None

    def answer(self, label: str) -> dict:
        """Save `label` (with the pending `also` acts) for the current comment; returns the saved record."""
        if label not in LABELS:
            raise ValueError(f"unknown label {label!r}")
        question = self._queue[0]
        also = sorted(self.also - {label}, key=PRIORITY.get)
        record = make_record(*question.span, question.comment.text, label, also)
        self.store.append(record)
        self._answered.append(self._queue.popleft())
        self.also = set()
        return record

    def skip(self) -> Question:
        question = self._queue.popleft()
        self.skipped.append(question)
        if self.skips is not None:
            self.skips.add(question.span)
        self.also = set()
        return question

    def undo(self) -> dict | None:
        """Remove the last answer saved in this session and ask that comment again next; None if none."""
        record = self.store.undo()
        if record is not None:
            self._queue.appendleft(self._answered.pop())
            self.also = set()
        return record


def known_spans(folder: str | Path, store_path: str | Path) -> dict[Span, str]:
    """Spans labelled in any other label file below `folder` (none if the folder does not exist)."""
    folder, own = Path(folder), Path(store_path).resolve()
    if not folder.is_dir() or not any(folder.rglob("*.jsonl")):
        return {}
    return {(r["page"], r["start_line"], r["end_line"]): r["text_sha256"]
            for where, r in read_records(folder) if Path(where.rsplit(":", 1)[0]).resolve() != own}


def open_session(inputs: list[str], store_path: str | Path, source: PageSource | None = None,
                 predict_proba=None, known_folder: str | Path | None = None) -> tuple[LabelSession, list[str]]:
    """Check the store, read the inputs and queue every comment no label file holds yet.

    `known_folder` holds the other label files whose comments are not asked again; by default, the project's
    label folder when the store is inside it (those are the files `classifier train` reads together).
    """
    store = LabelStore(store_path)
    if known_folder is None and store.path.resolve().is_relative_to(LABELS_DIR.resolve()):
        known_folder = LABELS_DIR
    known = known_spans(known_folder, store.path) if known_folder is not None else {}
    pages, notes = read_inputs(inputs, source)
    return LabelSession(pages, store, SkipList(store.path), predict_proba, known), notes
