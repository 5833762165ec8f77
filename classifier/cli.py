"""The `classifier` command line: thin wrappers that parse options, call the library and print."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .errors import ClassifierError

# Everything else is imported inside the commands: `classifier --help` must stay quick.

app = typer.Typer(
    help="Split web pages into reader comments, hand-label their discourse acts "
    "(question, rebuttal, link-share, thanks, other), train a TF-IDF + logistic-regression model, "
    "score new comments and see where the model goes wrong.\n\n"
    "Example, the whole job on the bundled seeds: `classifier split seeds/*.txt --out comments.jsonl`, "
    "then `classifier train --name mine`, `classifier confusion mine`, "
    "`classifier score comments.jsonl --model mine --format table`.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: rich + markdown_it would triple `classifier --help` time
    pretty_exceptions_enable=False,
    add_completion=False,
)


def friendly(command):
    """Turn the project's error into one line on stderr and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ClassifierError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            raise typer.Exit(0) from None

    return wrapper


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    label_studio = "label-studio"
    prodigy = "prodigy"
    doccano = "doccano"


class ExchangeFormat(str, Enum):
    label_studio = "label-studio"
    prodigy = "prodigy"
    doccano = "doccano"


@app.command()
@friendly
def split(
    pages: list[str] = typer.Argument(..., help="Page files of flat text (article, then comments), folders of .txt pages, "
                                      "quoted globs ('site/*.txt'), or Dragnet pages as dragnet/ID."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write JSONL here instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
    thread_after: Optional[str] = typer.Option(
        None, "--thread-after", metavar="PATTERN",
        help="The line your site puts above its comments, as a regular expression matching the whole line "
             "(case-insensitive), e.g. '\\d+ comments?'. The thread starts after the last such line; pages without "
             "one are split as usual, with a note."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Split in N worker processes; the output is the same for any N."),
):
    """Split pages into comments, one JSON record a comment.

    Each record has `id`, `page`, `start_line`, `end_line` (1-based, inclusive), `text`, and
    `author` / `posted` where the page names them. A page with no thread gives no records and a note.
    The splitter finds where the thread starts by itself; for pages of one site, `--thread-after`
    names the site's own comment header and is exact where that header is present.

    Examples: `classifier split seeds/*.txt --out comments.jsonl` ... `classifier split dragnet/R149`
    ... `classifier split pages/*.txt --thread-after '\\d+ (comments|responses)' -o comments.jsonl`
    """
    import json

    from .output import AtomicOutput
    from .sources import load_page, page_paths
    from .split_pages import split_pages
    from .thread_marker import marker_pattern

    marker = marker_pattern(thread_after) if thread_after is not None else None
    source = _page_source(None, None)
    named_pages = ((path, load_page(path, source)) for path in page_paths(pages))
    with AtomicOutput(out, force) as stream:
        for path, comments, marked in split_pages(named_pages, marker, jobs):
            if not marked:
                typer.echo(f"{path}: no line matches --thread-after; the thread was looked for as usual", err=True)
            if not comments:
                typer.echo(f"{path}: no comment thread found; 0 comments", err=True)
            for comment in comments:
                stream.write(json.dumps(comment.__dict__, ensure_ascii=False) + "\n")
    if out:
        typer.echo(f"Wrote {out}", err=True)


@app.command()
@friendly
def train(
    labels: Optional[Path] = typer.Option(None, "--labels", help="Label folder or .jsonl file [default: labels/]."),
    name: str = typer.Option("default", "--name", help="Model name: writes models/NAME.joblib and NAME.json."),
    force: bool = typer.Option(False, "--force", help="Replace an existing model of that name."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
    pages: Optional[Path] = typer.Option(None, "--pages", help="Folder of the page files the labels name [default: seeds/]."),
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
    features: Optional[list[str]] = typer.Option(None, "--features", help="Only try these feature sets (repeatable): word, word+cues, char, word+char, word+char+cues."),
    seed: int = typer.Option(13, "--seed", help="Random seed for folds and the model."),
):
    """Train a model on the hand labels, choosing features by cross-validated macro-F1.

    Cross-validation groups folds by page when there are enough pages. The model card
    (models/NAME.json) holds the label counts, features, metrics, confusion matrix and the
    out-of-fold prediction of every comment.

    Example: `classifier train --name mymodel`
    """
    from .labels import LABELS_DIR
    from .models import MODELS_DIR, model_paths, save_model
    from .train import feature_sets_for
    from .train import train as train_model

    directory = models_dir or MODELS_DIR
    model_path, _ = model_paths(name, directory)
    # save_model checks this too; checking first spares minutes of training that could not be saved.
    if model_path.exists() and not force:
        raise ClassifierError(f"model {model_path} already exists; pass --force to replace it or --name to pick another")
    result = train_model(labels or LABELS_DIR, _page_source(pages, dragnet), seed=seed, feature_sets=feature_sets_for(features), name=name)
    path = save_model(result.pipeline, result.card, name, directory, force=force)
    card = result.card
    cv = card["cross_validation"]
    typer.echo(f"{sum(card['label_counts'].values())} comments from {card['pages']} page(s): "
               + ", ".join(f"{k} {v}" for k, v in card["label_counts"].items()))
    typer.echo(f"Cross-validation: {cv['method']}, {cv['n_splits']} folds" + (f" ({cv['note']})" if cv.get("note") else ""))
    for candidate in result.candidates:
        chosen = "  <- chosen" if (candidate.features, candidate.C) == (card["features"], card["hyperparameters"]["C"]) else ""
        typer.echo(f"  {candidate.features:<16} C={candidate.C:<5g} macro-F1 {candidate.macro_f1:.3f}  "
                   f"{candidate.comments_per_second:>8,.0f} comments/s{chosen}")
    typer.echo(f"Wrote {path} and its card; macro-F1 {card['macro_f1']:.3f}. See errors with: classifier confusion {name}")


@app.command()
@friendly
def score(
    inputs: list[str] = typer.Argument(..., help="JSONL (`text`, optional `id`), CSV (`text` column), Parquet, page .txt files, "
                                       "or - for JSONL on stdin. With --dask: folders or globs of JSONL / Parquet files."),
    model: str = typer.Option("default", "--model", "-m", help="Model name in models/ (`default`, or `fast`: ~2.3x quicker, "
                              "macro-F1 0.549 against 0.575), or a path to NAME.joblib."),
    output_format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="Output format."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here instead of stdout (with --dask: a folder)."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
    explain: bool = typer.Option(False, "--explain", help="Add `explanation`: the n-grams and cues that pushed each decision, with their weights."),
    explain_top: int = typer.Option(5, "--explain-top", help="How many contributions --explain lists per comment."),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="Label comments whose top probability is below P (0 < P <= 1) `uncertain`, keeping their probabilities; counts the labels on stderr."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Score in N worker processes; the output is the same for any N."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Score on a Dask cluster: its scheduler address "
                                       "(tcp://host:8786), or `local` for a cluster of --jobs workers on this machine."),
):
    """Label new comments: one output row per input row, in input order.

    Each row has `id`, `label`, `confidence` and `probabilities` for every label; comments
    split from pages also carry `page`, `start_line` and `end_line`. A row that cannot be scored
    (bad JSON, no `text` string) keeps its place with an `error` and empty scores. The input is
    read and written in batches, so memory stays flat however large it is. `--explain` adds the top
    contributions to each row; `--min-confidence 0.6` labels comments below 0.6 `uncertain`.

    Examples: `classifier score comments.jsonl --format table` ...
    `classifier score big.jsonl --jobs 2 --out scored.jsonl` ...
    `classifier score 'parts/*.parquet' --dask local --out scored/`
    """
    from collections import Counter

    from .model_cache import model_ref
    from .models import MODELS_DIR
    from .output import AtomicOutput
    from .score import ScoreOptions

    _check_score_extras(explain, explain_top, min_confidence, output_format)
    extras = {"min_confidence": min_confidence, "explain_top": explain_top if explain else 0}
    ref, card = model_ref(model, models_dir or MODELS_DIR)
    labels = card["labels"]
    if dask:
        _score_on_dask(dask, inputs, ref, labels, output_format, out, force, jobs, extras)
        return
    from .inputs import check_inputs, input_size, read_batches
    from .parallel import score_batches

    check_inputs(inputs)
    table = output_format is OutputFormat.table
    options = ScoreOptions("records" if table else output_format.value, **extras)
    output = None if table else AtomicOutput(out, force)
    if table and out is not None and out.exists() and not force:
        raise ClassifierError(f"{out} already exists; pass --force to replace it")
    results = score_batches(ref, labels, read_batches(inputs), options, jobs)
    comments = errors = 0
    counts = Counter()
    with _progress(input_size(inputs)) as advance:
        if table:
            rows = []
            for result in results:
                rows.extend(result.output)
                comments, errors = comments + result.comments, errors + result.errors
                counts.update(result.labels)
                advance(result)
            _print_score_table(rows, labels, out, force)
        else:
            with output as stream:
                if output_format is OutputFormat.csv:
                    from .score import csv_header

                    stream.write(csv_header(labels))
                for result in results:
                    stream.write(result.output)
                    comments, errors = comments + result.comments, errors + result.errors
                    counts.update(result.labels)
                    advance(result)
    if errors:
        typer.echo(f"{errors} of {comments} row(s) could not be scored; their `error` field says why", err=True)
    if min_confidence is not None:
        from .abstain import summary

        typer.echo(summary(counts, labels), err=True)


def _check_score_extras(explain: bool, explain_top: int, min_confidence, output_format) -> None:
    from .abstain import check_min_confidence
    from .explain import check_top

    if min_confidence is not None:
        check_min_confidence(min_confidence)
    if explain:
        check_top(explain_top, "--explain-top")
        if output_format is OutputFormat.csv:
            raise ClassifierError("--explain adds a list to each row, which CSV cannot hold; use --format jsonl or table")


def _score_on_dask(address, inputs, ref, labels, output_format, out, force, jobs, extras) -> None:
    from .distributed import output_paths, partition_files, score_on_dask
    from .model_cache import cached_model
    from .score import ScoreOptions

    if output_format is OutputFormat.table or out is None:
        raise ClassifierError("--dask writes one file per input: give --out FOLDER and --format jsonl or csv")
    files = partition_files(inputs)
    outputs = output_paths(files, out, output_format.value, force)
    results = score_on_dask(address, files, outputs, cached_model(ref), labels, ScoreOptions(output_format.value, **extras),
                            local_workers=max(jobs, 2))
    errors = sum(r.errors for r in results)
    typer.echo(f"Scored {sum(r.comments for r in results):,} comments from {len(results)} file(s) into {out}"
               + (f"; {errors} row(s) could not be scored (see their `error` field)" if errors else ""), err=True)


@contextlib.contextmanager
def _progress(total_bytes: Optional[int]):
    """Yield `advance(result)`: a progress bar on stderr when it is a terminal, else nothing at all."""
    if not sys.stderr.isatty():
        yield lambda result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("scoring"), BarColumn(), TaskProgressColumn(), TextColumn("{task.fields[comments]:,} comments"),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("score", total=total_bytes, comments=0)
        done = 0

        def advance(result) -> None:
            nonlocal done
            done += result.comments
            progress.update(task, advance=result.size, comments=done)

        yield advance


def _print_score_table(rows: list[dict], labels: list[str], out: Optional[Path], force: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} comment(s) scored")
    why = any("explanation" in row for row in rows)
    for column in ("id", "label", "confidence", *labels, *(["why"] if why else [])):
        table.add_column(column, justify="left" if column in ("id", "label", "why") else "right")
    for row in rows:
        if row.get("error"):
            table.add_row(row["id"], f"error: {row['error']}", "", *("" for _ in labels))
            continue
        table.add_row(row["id"], row["label"], f"{row['confidence']:.2f}",
                      *(f"{row['probabilities'][l]:.2f}" for l in labels),
                      *([Text(", ".join(f"{f} {w:+.2f}" for f, w in row.get("explanation", [])[:3]))] if why else []))
    if out is None:
        Console(width=max(120, Console().width)).print(table)
        return
    from .output import AtomicOutput

    with AtomicOutput(out, force) as stream:
        Console(file=stream, width=160, color_system=None).print(table)


@app.command("explain")
@friendly
def explain_command(
    text: str = typer.Argument(..., help="The comment's text (quote it), or - to read it from standard input."),
    model: str = typer.Option("default", "--model", "-m", help="Model name in models/, or a path to NAME.joblib."),
    top: int = typer.Option(10, "--top", "-n", help="How many features to list each way."),
    label: Optional[str] = typer.Option(None, "--label", "-l", help="Explain this label instead of the predicted one."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
):
    """Show which n-grams and cues pushed a comment towards its label, and which pushed away.

    A weight is the feature's value in this comment times the model's coefficient for the label;
    the label's score is the intercept plus their sum, and the most probable label has the highest
    score. Char n-grams are quoted, with ␣ for a space (a word edge); cues read `cue:NAME`.

    Example: `classifier explain "Thanks, great post! Where did you buy it?" --top 5`
    """
    from .explain import Explainer, explain
    from .models import MODELS_DIR, load_model

    if text == "-":
        text = sys.stdin.read()
    pipeline, card = load_model(model, models_dir or MODELS_DIR)
    result = explain(Explainer(pipeline, card["labels"]), text, top, label)
    typer.echo(f"Predicted {result.predicted} ({result.probabilities[result.predicted]:.2f}); "
               + ", ".join(f"{name} {p:.2f}" for name, p in result.probabilities.items()))
    typer.echo(f"Explaining {result.label} (intercept {result.intercept:+.3f})")
    for heading, found in ((f"Pushed towards {result.label}:", result.pushed_for),
                           (f"Pushed away from {result.label}:", result.pushed_against)):
        typer.echo(heading if found else f"{heading} nothing")
        for contribution in found:
            typer.echo(f"  {contribution.weight:+8.3f}  {contribution.kind:<4}  {contribution.feature}")


@app.command()
@friendly
def features(
    model: str = typer.Option("default", "--model", "-m", help="Model name in models/, or a path to NAME.joblib."),
    label: Optional[str] = typer.Option(None, "--label", "-l", help="Only this label."),
    top: int = typer.Option(20, "--top", "-n", help="How many features per label."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only word, char or cue features."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
):
    """List the strongest features per label: the largest positive coefficients of the model.

    Word and char n-grams and cues have different scales (a cue is 0 or 1, an n-gram's TF-IDF is
    usually far below 1), so compare coefficients within a kind; `--kind` shows one kind.

    Example: `classifier features --label question --top 10`
    """
    from .explain import Explainer, strongest_features
    from .models import MODELS_DIR, load_model

    pipeline, card = load_model(model, models_dir or MODELS_DIR)
    for name, found in strongest_features(Explainer(pipeline, card["labels"]), label, top, kind).items():
        typer.echo(f"{name}:")
        for contribution in found:
            typer.echo(f"  {contribution.weight:+8.3f}  {contribution.kind:<4}  {contribution.feature}")


@app.command()
@friendly
def confusion(
    name: str = typer.Argument("default", help="Model name in models/, or a path to its card."),
    examples: Optional[str] = typer.Option(None, "--examples", "-e", help="List the comments in one cell, as TRUE:PRED."),
    limit: int = typer.Option(20, "--limit", help="How many examples to list."),
    png: Optional[Path] = typer.Option(None, "--png", help="Also write a heatmap image here."),
    force: bool = typer.Option(False, "--force", help="Replace --png if it exists."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
):
    """Show where a model goes wrong: its out-of-fold confusion matrix and per-class scores.

    Rows are the hand labels, columns the model's predictions on comments it did not train on.

    Examples: `classifier confusion` ... `classifier confusion --examples rebuttal:other` ...
    `classifier confusion --png confusion.png`
    """
    from rich.console import Console
    from rich.table import Table

    from .models import MODELS_DIR, load_card

    card = load_card(name, models_dir or MODELS_DIR)
    console = Console(width=max(140, Console().width))
    if examples:
        from .confusion import cell_examples, parse_cell

        true, predicted = parse_cell(examples, card["labels"])
        found = cell_examples(card, examples)
        console.print(f"{len(found)} comment(s) labelled {true} and predicted {predicted}"
                      + (f"; showing {min(limit, len(found))}" if found else ""))
        for example in found[:limit]:
            text = example.text if example.text is not None else "(page not available; text not shown)"
            console.print(f"\n[bold]{example.id}[/bold]  {example.page}:{example.start_line}-{example.end_line}  "
                          f"p({predicted})={example.probabilities[predicted]:.2f}  p({true})={example.probabilities[true]:.2f}",
                          highlight=False)
            console.print(text[:600] + ("..." if len(text) > 600 else ""), highlight=False, markup=False)
        return
    labels = card["confusion"]["labels"]
    matrix = card["confusion"]["matrix"]
    table = Table(title=f"{card.get('name', name)}: out-of-fold confusion ({card['cross_validation']['method']})")
    table.add_column("true \\ predicted")
    for label in labels:
        table.add_column(label, justify="right")
    for column in ("precision", "recall", "F1", "support"):
        table.add_column(column, justify="right", style="cyan")
    for label, row in zip(labels, matrix):
        stats = card["per_class"][label]
        cells = [f"[bold]{v}[/bold]" if labels[j] == label else str(v) for j, v in enumerate(row)]
        table.add_row(label, *cells, f"{stats['precision']:.2f}", f"{stats['recall']:.2f}", f"{stats['f1']:.2f}",
                      str(stats["support"]))
    console.print(table)
    console.print(f"macro-F1 {card['macro_f1']:.3f} over {sum(map(sum, matrix))} comments; "
                  f"see a cell's comments with: classifier confusion {name} --examples TRUE:PRED")
    if png:
        from .confusion import write_heatmap

        if png.exists() and not force:
            raise ClassifierError(f"{png} already exists; pass --force to replace it")
        console.print(f"Wrote {write_heatmap(card, png)}")


def _download_with_progress():
    """Fetch the Dragnet archive into the user cache, showing a progress bar on stderr."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from .dragnet import ARCHIVE_URL, download_archive

    typer.echo(f"No local Dragnet archive; downloading it once from {ARCHIVE_URL}", err=True)
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
                  transient=True) as progress:
        task = progress.add_task("dragnet_Corrected.tar.gz", total=None)
        return download_archive(progress=lambda done, total: progress.update(task, completed=done, total=total or None))


def _page_source(pages: Optional[Path], dragnet: Optional[Path]):
    from .sources import SEEDS_DIR, PageSource

    return PageSource(pages or SEEDS_DIR, archive=dragnet, download=_download_with_progress)


class LabelOrder(str, Enum):
    page = "page"
    uncertain = "uncertain"


@contextlib.contextmanager
def _keys():
    """Yields read(): the next key pressed, "x" at end of input (Ctrl-D, end of a pipe).

    A terminal is put in cbreak mode (keys arrive one at a time, unechoed, Ctrl-C still interrupts)
    for the whole session rather than per key as click.getchar does: its switch to raw mode flushes
    keys typed while the previous answer was being saved. Piped input (tests, scripts) is read from
    stdin as it comes. Whitespace is ignored, and arrow and function keys are dropped.
    """
    pending: list[str] = []

    def reader(read_chunk):
        def read() -> str:
            while not pending:
                chunk = read_chunk()
                if not chunk:
                    return "x"
                if chunk != "\x1b":  # a lone Esc is a key
                    chunk = re.sub(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.)?", "", chunk)
                pending.extend(ch for ch in chunk if not ch.isspace())
            key = pending.pop(0)
            if key == "\x03":
                raise KeyboardInterrupt
            return "x" if key == "\x04" else key

        return read

    if not sys.stdin.isatty():
        yield reader(lambda: sys.stdin.read(1))
        return
    try:
        import termios
        import tty
    except ImportError:  # Windows: click reads one key at a time there
        import click

        yield reader(lambda: click.getchar())
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd, termios.TCSANOW)  # TCSANOW keeps keys typed ahead
    try:
        yield reader(lambda: os.read(fd, 64).decode("utf-8", errors="replace"))
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _show_question(question, remaining: int) -> None:
    comment, context = question.comment, question.context
    typer.echo("")
    typer.secho(f"── {comment.page}  comment {question.number} of {question.page_total}  "
                f"lines {comment.start_line}-{comment.end_line}  ({remaining} to go)", bold=True)
    if context is not None:
        lines = context.text.splitlines()
        shown = lines[:6] + ([f"[... {len(lines) - 6} more lines]"] if len(lines) > 6 else [])
        typer.secho(f"  {'replies to' if question.replies_to else 'after'} {context.author or 'the comment'}"
                    f" (lines {context.start_line}-{context.end_line}):", dim=True)
        for line in shown:
            typer.secho(f"  │ {line}", dim=True)
    typer.echo(f"  {comment.author or 'this comment'}:")
    for line in comment.text.splitlines():
        typer.echo(f"    {line}")


def _label_prompt(also: set[str]) -> str:
    from .labels import LABELS, PRIORITY

    keys = " ".join(f"[{label[0]}]{label[1:]}" for label in LABELS)
    pending = f"  also: {', '.join(sorted(also, key=PRIORITY.get))}" if also else ""
    return f"{keys} · [a]lso [s]kip [u]ndo [?]guide e[x]it{pending}"


@app.command()
@friendly
def label(
    inputs: list[str] = typer.Argument(..., help="Page .txt files, Dragnet pages as dragnet/ID, or a comments JSONL "
                                       "written by `classifier split`."),
    store: Path = typer.Option(Path("labels/mine.jsonl"), "--store", help="Label file to add answers to; "
                               "created if missing, never rewritten but for your answers."),
    order: LabelOrder = typer.Option(LabelOrder.page, "--order", help="page: page by page in line order; "
                                     "uncertain: the comments the model is least sure of first."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model that orders --order uncertain "
                                        "[default: default]; it never suggests a label."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
    known: Optional[Path] = typer.Option(None, "--known", help="Folder of other label files whose comments are "
                                         "not asked again [default: labels/ when the store is inside it]."),
):
    """Label comments by hand, one key per answer, each answer saved at once.

    Shows one comment at a time with the comment it replies to (or the one before it). Keys: q r l t o
    (or 1-5) save question, rebuttal, link-share, thanks, other; a then a label key adds an "also" act
    first; s skips; u undoes your last answer; ? shows the label definitions; x or Ctrl-D quits.
    Rerun the same command to resume: comments already in the store are not asked again, and skipped
    ones come last. Follows ../shared/LABELING.md.

    Examples: `classifier label page.txt --store labels/mine.jsonl` ...
    `classifier label comments.jsonl --order uncertain --model default`
    """
    from .label_session import open_session

    predict_proba = None
    if order is LabelOrder.uncertain:
        from .models import MODELS_DIR, load_model

        predict_proba = load_model(model or "default", models_dir or MODELS_DIR)[0].predict_proba
    elif model is not None:
        raise ClassifierError("--model only orders the comments; add --order uncertain to use it")
    session, notes = open_session(inputs, store, _page_source(None, dragnet), predict_proba, known)
    for note in notes:
        typer.echo(note, err=True)
    typer.echo(f"{session.remaining} comment(s) to label into {store}"
               + (f"; {session.already} already labelled" if session.already else "")
               + (f"; {session.overlapping} overlap a stored label's span, not asked" if session.overlapping else "")
               + (f"; {session.skipped_before} skipped earlier come last" if session.skipped_before else "")
               + ". Press ? for the label definitions.")
    try:
        with _keys() as read_key:
            _label_loop(session, read_key)
    except KeyboardInterrupt:
        typer.echo("\nInterrupted.")
        _label_summary(session, store)
        raise typer.Exit(130) from None
    _label_summary(session, store)


def _label_loop(session, read_key) -> None:
    """Ask until every comment is answered or the labeller quits; each answer is saved by the session."""
    from .label_guide import GUIDE
    from .label_session import KEYS

    shown = None
    while True:
        question = session.current
        if question is None:
            if not session.saved:
                return
            typer.echo("No comments left to ask: u undoes your last answer, any other key finishes.")
            if read_key() != "u":
                return
            record = session.undo()
            typer.echo(f"undone {record['page']}:{record['start_line']}-{record['end_line']} {record['label']}")
            continue
        if question is not shown:
            _show_question(question, session.remaining)
            shown = question
        typer.echo(_label_prompt(session.also))
        key = read_key()
        if key in KEYS:
            problem = session.check(KEYS[key])
            if problem:
                typer.echo(f"Not saved: {problem}")
                continue
            record = session.answer(KEYS[key])
            also = f" (also {', '.join(record['also'])})" if record["also"] else ""
            typer.echo(f"saved {record['page']}:{record['start_line']}-{record['end_line']} {record['label']}{also}")
        elif key == "a":
            typer.echo("also which act? " + " ".join(f"[{k}]{v[1:]}" for k, v in KEYS.items() if not k.isdigit())
                       + " (the same key again removes it, Esc cancels)")
            act = read_key()
            if act in KEYS:
                session.toggle_also(KEYS[act])
        elif key == "s":
            skipped = session.skip()
            typer.echo(f"skipped {skipped.comment.page}:{skipped.comment.start_line}-{skipped.comment.end_line}")
        elif key == "u":
            record = session.undo()
            typer.echo(f"undone {record['page']}:{record['start_line']}-{record['end_line']} {record['label']}"
                       if record else "nothing to undo in this session")
            shown = None
        elif key == "?":
            typer.echo(GUIDE)
            shown = None
        elif key == "x":
            break
        else:
            typer.echo(f"unknown key {key!r}; press ? for the label definitions, x to quit")


def _label_summary(session, store: Path) -> None:
    left = session.remaining
    typer.echo(f"{session.saved} answer(s) saved to {store} this session"
               + (f", {len(session.skipped)} skipped" if session.skipped else "")
               + (f"; {left} left: rerun the same command to resume." if left or session.skipped
                  else "; every comment given is labelled."))


@app.command("fetch-dragnet")
@friendly
def fetch_dragnet():
    """Download the Dragnet corpus (1,381 pages, 4 MB) into your cache, checking its sha256.

    Only needed without a copy at ../shared/corpora/dragnet/ or $CLASSIFIER_DRAGNET.

    Example: `classifier fetch-dragnet`
    """
    typer.echo(f"Saved {_download_with_progress()}")


@app.command()
@friendly
def labels(
    labels_path: Optional[Path] = typer.Option(None, "--labels", help="Label folder or .jsonl file [default: labels/]."),
    pages: Optional[Path] = typer.Option(None, "--pages", help="Folder of the page files the labels name [default: seeds/]."),
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
):
    """Check the label store against its pages and count the labels.

    Fails on the first unknown label, overlapping span, duplicate, missing page or changed text.

    Example: `classifier labels`
    """
    from collections import Counter

    from .labels import LABELS, LABELS_DIR, load_labels

    comments = load_labels(labels_path or LABELS_DIR, _page_source(pages, dragnet))
    counts = Counter(c.label for c in comments)
    typer.echo(f"{len(comments)} labelled comments from {len({c.page for c in comments})} pages, all consistent: "
               + ", ".join(f"{label} {counts[label]}" for label in LABELS))


@app.command()
@friendly
def export(
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    export_format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="jsonl, csv or parquet."),
    labels_path: Optional[Path] = typer.Option(None, "--labels", help="Label folder or .jsonl file [default: labels/]."),
    pages: Optional[Path] = typer.Option(None, "--pages", help="Folder of the page files the labels name [default: seeds/]."),
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
    comments: Optional[list[str]] = typer.Option(None, "--comments", help="Export these comments (JSONL, CSV or page .txt, as `score` reads) as unlabelled tasks instead of the label store; label-studio, prodigy, doccano."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="With --comments: add this model's predictions (label-studio, prodigy)."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
):
    """Export the labelled comments, text resolved from their pages, as JSONL, CSV or Parquet,
    or as tasks for Label Studio, Prodigy or doccano.

    Columns: id, page, start_line, end_line, text, label, also. Tasks keep each comment's page and
    span so `classifier import` can bring the labels back; Label Studio also gets its labeling
    config (OUT.xml), with a `label` control for the primary act and an `also` control.

    Examples: `classifier export --format parquet --out labelled.parquet` ...
    `classifier export --format label-studio --comments comments.jsonl --model default --out review.json`
    """
    from .labels import LABELS_DIR

    source = _page_source(pages, dragnet)
    if export_format.value in {f.value for f in ExchangeFormat}:
        from .exchange import export_exchange
        from .labels import load_labels

        predictor = None
        if model is not None:
            from .models import MODELS_DIR, load_model

            pipeline, card = load_model(model, models_dir or MODELS_DIR)
            predictor = (pipeline, card["labels"], f"{card.get('name', model)}-{card['model_sha256'][:12]}")
        if comments:
            from .inputs import read_inputs

            written, config = export_exchange(export_format.value, out, force, inputs=read_inputs(comments), model=predictor)
        else:
            written, config = export_exchange(export_format.value, out, force,
                                              comments=load_labels(labels_path or LABELS_DIR, source), model=predictor)
        typer.echo(f"Wrote {written} {export_format.value} tasks to {out}"
                   + (f" and the labeling config to {config} (paste it in Settings > Labeling Interface > Code)" if config else ""))
        return
    if comments or model:
        raise ClassifierError("--comments and --model export tasks; use --format label-studio, prodigy or doccano")
    from .export import export_labels

    written = export_labels(labels_path or LABELS_DIR, source, out, export_format.value, force)
    typer.echo(f"Wrote {written} labelled comments to {out}")


@app.command("import")
@friendly
def import_labels_command(
    file: Path = typer.Argument(..., help="A Label Studio JSON export, or a Prodigy / doccano JSONL export."),
    import_format: ExchangeFormat = typer.Option(..., "--format", "-f", help="The tool the file comes from."),
    out: Path = typer.Option(..., "--out", "-o", help="Label-store file (JSONL) to write."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
    pages: Optional[Path] = typer.Option(None, "--pages", help="Folder of the page files the tasks name [default: seeds/]."),
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
):
    """Bring labels made in Label Studio, Prodigy or doccano back as stand-off label records.

    Only people's answers count: cancelled Label Studio annotations, predictions, Prodigy
    reject/ignore and unanswered tasks are skipped. Each labelled task must carry its comment's
    page and span (tasks from `classifier export` or `classifier split` do); the records are
    checked against their pages like the label store. Prodigy and doccano: the first label is the
    primary act, the rest are `also`.

    Example: `classifier import project.json --format label-studio --out labels/studio.jsonl`
    """
    from .exchange_import import import_labels, write_records

    result = import_labels(file, import_format.value, _page_source(pages, dragnet))
    write_records(result.records, out, force)
    typer.echo(f"Wrote {len(result.records)} labels to {out}"
               + (f"; skipped {result.skipped} task(s) no person answered" if result.skipped else "")
               + ". Check them with the rest of the store: classifier labels")


@app.command("split-report")
@friendly
def split_report(
    labels_path: Optional[Path] = typer.Option(None, "--labels", help="Hand segmentation to compare with [default: labels/]."),
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
    c4: Optional[Path] = typer.Option(None, "--c4", help="Path to c4_sample.jsonl.gz [default: ../shared/corpora/c4-sample/]."),
    misses: int = typer.Option(0, "--misses", help="List up to N pages whose thread start was missed."),
    heldout: bool = typer.Option(False, "--heldout", help="Report on the pages held out from splitter development "
                                 "(labels/splitter-heldout.txt) instead of the development pages."),
    true_starts: bool = typer.Option(False, "--true-starts", help="Split each thread from its true start (the "
                                     "corpus' own) to measure comment boundaries apart from thread detection."),
    unmatched: int = typer.Option(0, "--unmatched", help="List up to N hand labels that no split comment "
                                  "matches by span and text hash, as page:start-end."),
):
    """Measure the splitter against the truth: thread starts, thread-less pages, hand-segmented comments.

    Seeds and Dragnet pages (reserved ones skipped) are compared with labels/ and with the corpus' own
    thread start; on the C4 sample any comment found counts against it (about a dozen documents there
    do end in a real thread). Pages listed in labels/splitter-heldout.txt were never looked at while the
    splitter was written: by default they are left out, and `--heldout` reports on them alone.

    Every hand label that no longer matches a split comment (same span, same text hash) is counted;
    `--unmatched N` lists them. They stay in the label store: training reads the labels' own spans.

    Example: `classifier split-report --misses 10` ... `classifier split-report --true-starts --unmatched 20`
    """
    from rich.console import Console
    from rich.table import Table

    from .dragnet import read_archive
    from .labels import LABELS_DIR, load_labels
    from .sources import SEEDS_DIR
    from .split_report import C4_SAMPLE, evaluate, gold_by_page, heldout_pages, read_c4

    source = _page_source(None, dragnet)
    gold = gold_by_page(load_labels(labels_path or LABELS_DIR, source))
    held = heldout_pages()

    def chosen(pages):
        return [page for page in pages if (page.name in held) == heldout]

    seeds = [] if heldout else [source.get(path.name) for path in sorted(SEEDS_DIR.glob("*.txt"))]
    seed_starts = {p.name: min((c.start_line for c in gold.get(p.name, [])), default=None) for p in seeds}
    archive = read_archive(dragnet, download=_download_with_progress)
    dragnet_pages = chosen(archive.values())
    c4_pages = chosen(read_c4(c4 or C4_SAMPLE))
    suffix = " (held out)" if heldout else ""
    reports = [
        evaluate("seeds", seeds, gold, seed_starts, true_starts),
        evaluate("dragnet" + suffix, dragnet_pages, gold, {p.name: p.thread_start for p in dragnet_pages}, true_starts),
        evaluate("c4-sample" + suffix, c4_pages, {}, {page.name: None for page in c4_pages}),
    ]

    def share(part, whole):
        return f"{part}/{whole} ({part / whole:.1%})" if whole else "-"

    def ratio(value):
        return "-" if value is None else f"{value:.3f}"

    title = "Splitter against the truth" + (" (comments split from the true thread starts)" if true_starts else "")
    table = Table(title=title)
    for column in ("corpus", "thread start exact", "thread-less pages with comments", "comments recovered exactly",
                   "boundary precision", "boundary recall", "hand labels unmatched"):
        table.add_column(column, justify="left" if column == "corpus" else "right")
    for r in reports:
        table.add_row(r.corpus, share(r.thread_start_exact, r.thread_pages),
                      share(r.threadless_with_comments, r.threadless_pages), share(r.recovered_exact, r.gold_comments),
                      ratio(r.boundary_precision), ratio(r.boundary_recall),
                      str(len(r.unmatched)) if r.gold_comments else "-")
    console = Console(width=max(140, Console().width))
    console.print(table)
    for r in reports:
        if misses and r.misses:
            console.print(f"{r.corpus}: thread start missed on " + ", ".join(r.misses[:misses]))
        if unmatched and r.unmatched:
            console.print(f"{r.corpus}: hand labels unmatched: " + ", ".join(r.unmatched[:unmatched]))


@app.command("train-thread-model")
@friendly
def train_thread_model(
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the weights [default: classifier/thread_start.json]."),
    folds: int = typer.Option(5, "--folds", help="Page-grouped cross-validation folds for the figures."),
    force: bool = typer.Option(False, "--force", help="Replace the weights file if it exists."),
    site_blocks: bool = typer.Option(False, "--site-blocks",
                                     help="Make each fold a run of neighbouring page ids (roughly one site) instead of random pages."),
):
    """Fit the thread-start model on the Dragnet development pages and write its weights as JSON.

    Reserved pages and pages in labels/splitter-heldout.txt are never used. Prints the page-grouped
    cross-validated figures (pages scored by a model fitted without them). Same pages, same bytes.
    `--site-blocks` scores each page by a model that saw none of its site's pages, nearer to how the
    splitter does on new sites (the weights written are the same). The corrections after the pick are
    hand-written from these pages' misses, so no fold hides them: the held-out split-report is the fair test.

    Example: `classifier train-thread-model --force` ... `classifier train-thread-model --out /tmp/w.json --site-blocks`
    """
    from .output import AtomicOutput
    from .thread_model import WEIGHTS_PATH
    from .thread_training import development_pages, train_thread_model as fit_thread_model

    path = out or WEIGHTS_PATH
    with AtomicOutput(path, force) as stream:
        model, cv = fit_thread_model(development_pages(dragnet), folds, site_blocks)
        stream.write(model.to_json())
    typer.echo(f"wrote {path}")
    how = "site blocks of neighbouring page ids" if site_blocks else "folds by page"
    typer.echo(f"cross-validated ({folds} {how}): thread start exact {cv.start_exact}/{cv.thread_pages} "
               f"({cv.start_exact / cv.thread_pages:.1%}); thread found on {cv.threadless_found}/{cv.threadless_pages} "
               f"thread-less pages ({cv.threadless_found / cv.threadless_pages:.1%})")


def main() -> None:
    app()
