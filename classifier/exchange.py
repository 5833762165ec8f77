"""Comments and labels as Label Studio, Prodigy and doccano tasks, so people can label or review there.

Every task keeps the comment's place (`comment_id`, `page`, `start_line`, `end_line`, `text_sha256`)
so `classifier import` can turn answers back into stand-off labels. The primary label and the `also`
acts are kept apart: Label Studio has two Choices controls, `label` (one) and `also` (any);
Prodigy's `accept` and doccano's `label` are lists whose first entry is the primary.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ClassifierError
from .labels import LABELS, LabelledComment
from .output import AtomicOutput
from .pages import text_sha256

FORMATS = ("label-studio", "prodigy", "doccano")
PRIMARY_CONTROL, ALSO_CONTROL, TEXT_OBJECT = "label", "also", "text"
SPAN_FIELDS = ("comment_id", "page", "start_line", "end_line", "text_sha256")


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ClassifierError(f"unknown exchange format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def labeling_config() -> str:
    """The Label Studio labeling config the tasks need: one primary act, any number of `also` acts."""
    choices = "\n".join(f'    <Choice value="{label}"/>' for label in LABELS)
    return (f'<View>\n  <Text name="{TEXT_OBJECT}" value="$text"/>\n'
            f'  <Header value="Primary act (exactly one; see LABELING.md)"/>\n'
            f'  <Choices name="{PRIMARY_CONTROL}" toName="{TEXT_OBJECT}" choice="single-radio" showInline="true" required="true">\n'
            f'{choices}\n  </Choices>\n'
            f'  <Header value="Also performs (optional; never the primary)"/>\n'
            f'  <Choices name="{ALSO_CONTROL}" toName="{TEXT_OBJECT}" choice="multiple" showInline="true">\n'
            f'{choices}\n  </Choices>\n</View>\n')


def _choices(control: str, values) -> dict:
    return {"from_name": control, "to_name": TEXT_OBJECT, "type": "choices", "value": {"choices": list(values)}}


def make_task(fmt: str, text: str, place: dict, label: str | None = None, also=(),
              prediction: dict | None = None) -> dict:
    """One task: unlabelled, answered with `label` + `also`, or carrying a model's `prediction`
    ({"label", "score", "model_version"}); a prediction is never an answer."""
    place = {key: value for key, value in place.items() if value is not None}
    if fmt == "label-studio":
        task = {"data": {"text": text, **place}}
        if label:
            result = [_choices(PRIMARY_CONTROL, [label])] + ([_choices(ALSO_CONTROL, also)] if also else [])
            task["annotations"] = [{"result": result}]
        if prediction:
            task["predictions"] = [{"model_version": prediction["model_version"], "score": prediction["score"],
                                    "result": [_choices(PRIMARY_CONTROL, [prediction["label"]])]}]
        return task
    if fmt == "prodigy":
        task = {"text": text, "meta": place, "options": [{"id": name, "text": name} for name in LABELS]}
        if label:
            task.update(accept=[label, *also], answer="accept")
        elif prediction:  # pre-selects the model's label; no `answer` until a person gives one
            task["accept"] = [prediction["label"]]
            task["meta"] = {**place, "score": prediction["score"], "model_version": prediction["model_version"]}
        return task
    if prediction:
        raise ClassifierError("doccano has no place for model predictions; export them for label-studio or prodigy")
    return {"text": text, "label": [label, *also] if label else [], **place}


def labelled_tasks(comments: list[LabelledComment], fmt: str) -> Iterator[dict]:
    """Tasks answered with the hand labels of the store."""
    check_format(fmt)
    for c in comments:
        place = {"comment_id": c.id, "page": c.page, "start_line": c.start_line, "end_line": c.end_line,
                 "text_sha256": text_sha256(c.text)}
        yield make_task(fmt, c.text, place, c.label, c.also)


def comment_tasks(comments: Iterable, fmt: str, rows: Iterable[dict] | None = None,
                  model_version: str | None = None) -> Iterator[dict]:
    """Unlabelled tasks for comments (InputComment), with the scored `rows` as predictions if given."""
    check_format(fmt)
    rows = iter(rows) if rows is not None else None
    for comment in comments:
        place = {"comment_id": comment.id, "page": comment.page, "start_line": comment.start_line,
                 "end_line": comment.end_line, "text_sha256": text_sha256(comment.text)}
        prediction = None
        if rows is not None:
            row = next(rows)
            prediction = {"label": row["label"], "score": row["confidence"], "model_version": model_version}
        yield make_task(fmt, comment.text, place, prediction=prediction)


def write_tasks(tasks: Iterable[dict], fmt: str, out: Path, force: bool = False) -> int:
    """Label Studio: one JSON list of tasks; Prodigy and doccano: JSONL. Returns the number written."""
    count = 0
    with AtomicOutput(Path(out), force) as stream:
        if fmt == "label-studio":
            stream.write("[")
        for task in tasks:
            if fmt == "label-studio":
                stream.write(("," if count else "") + "\n" + json.dumps(task, ensure_ascii=False))
            else:
                stream.write(json.dumps(task, ensure_ascii=False) + "\n")
            count += 1
        if fmt == "label-studio":
            stream.write("\n]\n")
    return count


def export_exchange(fmt: str, out: Path, force: bool = False, comments: list[LabelledComment] | None = None,
                    inputs: Iterable | None = None, model: tuple | None = None) -> tuple[int, Path | None]:
    """Write tasks for the labelled `comments`, or for unlabelled `inputs` (InputComment) with, given
    `model` = (pipeline, labels, model_version), its predictions. Label Studio also gets its labeling
    config beside `out` (OUT.xml). Returns (tasks written, config path or None)."""
    import itertools

    check_format(fmt)
    out = Path(out)
    config = out.with_suffix(".xml") if fmt == "label-studio" else None
    if config is not None and (config == out or (config.exists() and not force)):
        raise ClassifierError(f"{config} (the labeling config written beside {out.name}) already exists; "
                              "pass --force to replace it or pick another --out")
    if model is not None and fmt == "doccano":
        raise ClassifierError("doccano has no place for model predictions; export them for label-studio or prodigy")
    if inputs is None:
        if model is not None:
            raise ClassifierError("--model predicts on the comments given with --comments; add --comments FILE")
        tasks = labelled_tasks(comments or [], fmt)
    elif model is None:
        tasks = comment_tasks(inputs, fmt)
    else:
        from .score import score_comments

        pipeline, labels, model_version = model
        shown, scored = itertools.tee(inputs)  # one copy for the text, one for the model, in step
        tasks = comment_tasks(shown, fmt, score_comments(pipeline, labels, scored), model_version)
    count = write_tasks(tasks, fmt, out, force)
    if config is not None:
        from .output import atomic_write

        data = labeling_config().encode("utf-8")
        atomic_write(config, lambda handle: handle.write(data))
    return count, config
