"""Answers from Label Studio, Prodigy and doccano back into stand-off label records, checked like the store.

Only a person's answer is a label: Label Studio annotations that were not cancelled (predictions are
ignored), Prodigy tasks answered `accept` (`reject`, `ignore` and unanswered tasks are skipped), and
doccano records with a non-empty `label`. Every answered task must say where its comment is (`page`,
`start_line`, `end_line`, as our exports and `classifier split` write them); text labelled without a
page has no place in the stand-off store and is refused, naming the task.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import ClassifierError
from .exchange import ALSO_CONTROL, PRIMARY_CONTROL, check_format
from .labels import _check_record, make_record, resolve_records
from .output import atomic_write
from .pages import text_sha256
from .sources import PageSource


@dataclass
class ImportResult:
    records: list[dict]  # label-store records, in the order of the file
    skipped: int  # tasks without a person's answer


def read_tasks(path: Path, fmt: str) -> list[tuple[str, dict]]:
    """(where, task) for every task: a JSON list for Label Studio, JSONL otherwise."""
    if not path.is_file():
        raise ClassifierError(f"{path}: no such file; check the path")
    text = path.read_text(encoding="utf-8")
    if fmt == "label-studio":
        try:
            tasks = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ClassifierError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno}); export it again "
                                  "from Label Studio as JSON") from None
        if not isinstance(tasks, list):
            raise ClassifierError(f"{path}: a Label Studio export is a JSON list of tasks; export it as JSON")
        found = [(f"{path} task {i}" + (f" (id {t['id']})" if isinstance(t, dict) and "id" in t else ""), t)
                 for i, t in enumerate(tasks, 1)]
    else:
        found = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    found.append((f"{path}:{number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise ClassifierError(f"{path}:{number}: not valid JSON ({exc.msg}); fix or delete the line") from None
    for where, task in found:
        if not isinstance(task, dict):
            raise ClassifierError(f"{where}: a task must be a JSON object")
    return found


def _label_studio_answer(task: dict, where: str):
    answers = []
    for annotation in task.get("annotations") or []:
        if annotation.get("was_cancelled"):
            continue
        picked = {PRIMARY_CONTROL: [], ALSO_CONTROL: []}
        for result in annotation.get("result") or []:
            if result.get("type") != "choices" or result.get("from_name") not in picked:
                raise ClassifierError(f"{where}: result from control {result.get('from_name')!r} ({result.get('type')}) "
                                      "is not ours; label with the config `classifier export --format label-studio` writes")
            picked[result["from_name"]] += result.get("value", {}).get("choices", [])
        if len(picked[PRIMARY_CONTROL]) != 1:
            raise ClassifierError(f"{where}: needs exactly one primary label, got {picked[PRIMARY_CONTROL]}; "
                                  "other acts go in the `also` choices")
        answers.append((picked[PRIMARY_CONTROL][0], picked[ALSO_CONTROL]))
    if len({(label, tuple(sorted(also))) for label, also in answers}) > 1:
        raise ClassifierError(f"{where}: its annotations disagree ({answers}); settle on one in Label Studio")
    return answers[0] if answers else None


def _prodigy_answer(task: dict, where: str):
    if task.get("answer") != "accept":
        return None
    if "options" in task or "accept" in task:
        accepted = task.get("accept") or []
        if not accepted:
            raise ClassifierError(f"{where}: accepted with no option chosen; pick a label or reject the task")
        return accepted[0], accepted[1:]
    if "label" in task:  # the binary interface: one label, accepted
        return task["label"], []
    raise ClassifierError(f"{where}: an accepted task needs `accept` (choice) or `label` (binary)")


def _doccano_answer(task: dict, where: str):
    labels = task.get("label")
    if labels is None or labels == []:
        return None
    if not isinstance(labels, list) or not all(isinstance(name, str) for name in labels):
        raise ClassifierError(f"{where}: `label` must be a list of label names (a text classification project)")
    return labels[0], labels[1:]


ANSWERS = {"label-studio": _label_studio_answer, "prodigy": _prodigy_answer, "doccano": _doccano_answer}


def _place(task: dict, fmt: str) -> dict:
    """The fields that say where the comment is: in `data` (Label Studio), `meta`, or at the top."""
    if fmt == "label-studio":
        return task.get("data") or {}
    return {**(task.get("meta") or {}), **(task.get("metadata") or {}), **task}


def task_record(task: dict, fmt: str, where: str) -> dict | None:
    """The label-store record of an answered task, or None when no person answered it."""
    answer = ANSWERS[fmt](task, where)
    if answer is None:
        return None
    place = _place(task, fmt)
    missing = [key for key in ("page", "start_line", "end_line") if place.get(key) is None]
    if missing:
        raise ClassifierError(f"{where}: no {', '.join(missing)}: only comments exported from pages can come back "
                              "(split the page with `classifier split` and label those tasks)")
    text = place.get("text")
    if not isinstance(text, str):
        raise ClassifierError(f"{where}: the task has no text")
    if place.get("text_sha256") not in (None, text_sha256(text)):
        raise ClassifierError(f"{where}: the comment's text was edited in the tool; labels must be on the page's "
                              "own text, so restore it or drop the task")
    label, also = answer
    # Some tools hand metadata back as strings; a line number written "12" is still line 12.
    start, end = (int(place[k]) if isinstance(place[k], str) and place[k].isdigit() else place[k]
                  for k in ("start_line", "end_line"))
    record = make_record(place["page"], start, end, text, label)
    record["also"] = list(dict.fromkeys(also))
    _check_record(record, where)
    return record


def import_labels(path: str | Path, fmt: str, source: PageSource | None = None) -> ImportResult:
    """Label records from an exchange file, checked for form and against their pages."""
    check_format(fmt)
    records, checked, skipped = [], [], 0
    for where, task in read_tasks(Path(path), fmt):
        record = task_record(task, fmt, where)
        if record is None:
            skipped += 1
            continue
        records.append(record)
        checked.append((where, record))
    resolve_records(checked, source)
    return ImportResult(records, skipped)


def write_records(records: list[dict], out: Path, force: bool = False) -> None:
    """Write label records as a store file (JSONL), atomically; never replaces a file without `force`."""
    out = Path(out)
    if out.exists() and not force:
        raise ClassifierError(f"{out} already exists; pass --force to replace it")
    data = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode("utf-8")
    atomic_write(out, lambda handle: handle.write(data))
