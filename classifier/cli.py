"""The `classifier` command line: thin wrappers that parse options, call the library and print."""

from __future__ import annotations

import contextlib
import functools
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


@app.command()
@friendly
def split(
    pages: list[str] = typer.Argument(..., help="Page files of flat text (article, then comments), or Dragnet pages as dragnet/ID."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write JSONL here instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
):
    """Split pages into comments, one JSON record a comment.

    Each record has `id`, `page`, `start_line`, `end_line` (1-based, inclusive), `text`, and
    `author` / `posted` where the page names them. A page with no thread gives no records and a note.

    Examples: `classifier split seeds/*.txt --out comments.jsonl` ... `classifier split dragnet/R149`
    """
    import json

    from .output import AtomicOutput
    from .sources import load_page
    from .splitter import split_page

    source = _page_source(None, None)
    with AtomicOutput(out, force) as stream:
        for path in pages:
            comments = split_page(load_page(path, source))
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
                              "macro-F1 0.540 against 0.574), or a path to NAME.joblib."),
    output_format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="Output format."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here instead of stdout (with --dask: a folder)."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
    models_dir: Optional[Path] = typer.Option(None, "--models-dir", help="Folder for models [default: models/]."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Score in N worker processes; the output is the same for any N."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Score on a Dask cluster: its scheduler address "
                                       "(tcp://host:8786), or `local` for a cluster of --jobs workers on this machine."),
):
    """Label new comments: one output row per input row, in input order.

    Each row has `id`, `label`, `confidence` and `probabilities` for every label; comments
    split from pages also carry `page`, `start_line` and `end_line`. A row that cannot be scored
    (bad JSON, no `text` string) keeps its place with an `error` and empty scores. The input is
    read and written in batches, so memory stays flat however large it is.

    Examples: `classifier score comments.jsonl --format table` ...
    `classifier score big.jsonl --jobs 2 --out scored.jsonl` ...
    `classifier score 'parts/*.parquet' --dask local --out scored/`
    """
    from .model_cache import model_ref
    from .models import MODELS_DIR
    from .output import AtomicOutput
    from .score import ScoreOptions

    ref, card = model_ref(model, models_dir or MODELS_DIR)
    labels = card["labels"]
    if dask:
        _score_on_dask(dask, inputs, ref, labels, output_format, out, force, jobs)
        return
    from .inputs import check_inputs, input_size, read_batches
    from .parallel import score_batches

    check_inputs(inputs)
    table = output_format is OutputFormat.table
    options = ScoreOptions("records" if table else output_format.value)
    output = None if table else AtomicOutput(out, force)
    if table and out is not None and out.exists() and not force:
        raise ClassifierError(f"{out} already exists; pass --force to replace it")
    results = score_batches(ref, labels, read_batches(inputs), options, jobs)
    comments = errors = 0
    with _progress(input_size(inputs)) as advance:
        if table:
            rows = []
            for result in results:
                rows.extend(result.output)
                comments, errors = comments + result.comments, errors + result.errors
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
                    advance(result)
    if errors:
        typer.echo(f"{errors} of {comments} row(s) could not be scored; their `error` field says why", err=True)


def _score_on_dask(address, inputs, ref, labels, output_format, out, force, jobs) -> None:
    from .distributed import output_paths, partition_files, score_on_dask
    from .model_cache import cached_model
    from .score import ScoreOptions

    if output_format is OutputFormat.table or out is None:
        raise ClassifierError("--dask writes one file per input: give --out FOLDER and --format jsonl or csv")
    files = partition_files(inputs)
    outputs = output_paths(files, out, output_format.value, force)
    results = score_on_dask(address, files, outputs, cached_model(ref), labels, ScoreOptions(output_format.value),
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

    table = Table(title=f"{len(rows)} comment(s) scored")
    for column in ("id", "label", "confidence", *labels):
        table.add_column(column, justify="left" if column in ("id", "label") else "right")
    for row in rows:
        if row.get("error"):
            table.add_row(row["id"], f"error: {row['error']}", "", *("" for _ in labels))
            continue
        table.add_row(row["id"], row["label"], f"{row['confidence']:.2f}",
                      *(f"{row['probabilities'][l]:.2f}" for l in labels))
    if out is None:
        Console(width=max(120, Console().width)).print(table)
        return
    from .output import AtomicOutput

    with AtomicOutput(out, force) as stream:
        Console(file=stream, width=160, color_system=None).print(table)


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
):
    """Export the labelled comments, text resolved from their pages, as JSONL, CSV or Parquet.

    Columns: id, page, start_line, end_line, text, label, also.

    Example: `classifier export --format parquet --out labelled.parquet`
    """
    from .export import export_labels
    from .labels import LABELS_DIR

    written = export_labels(labels_path or LABELS_DIR, _page_source(pages, dragnet), out, export_format.value, force)
    typer.echo(f"Wrote {written} labelled comments to {out}")


@app.command("split-report")
@friendly
def split_report(
    labels_path: Optional[Path] = typer.Option(None, "--labels", help="Hand segmentation to compare with [default: labels/]."),
    dragnet: Optional[Path] = typer.Option(None, "--dragnet", help="Path to dragnet_Corrected.tar.gz."),
    c4: Optional[Path] = typer.Option(None, "--c4", help="Path to c4_sample.jsonl.gz [default: ../shared/corpora/c4-sample/]."),
    misses: int = typer.Option(0, "--misses", help="List up to N pages whose thread start was missed."),
    heldout: bool = typer.Option(False, "--heldout", help="Report on the pages held out from splitter development "
                                 "(labels/splitter-heldout.txt) instead of the development pages."),
):
    """Measure the splitter against the truth: thread starts, thread-less pages, hand-segmented comments.

    Seeds and Dragnet pages (reserved ones skipped) are compared with labels/ and with the corpus' own
    thread start; on the C4 sample any comment found counts against it (about a dozen documents there
    do end in a real thread). Pages listed in labels/splitter-heldout.txt were never looked at while the
    splitter was written: by default they are left out, and `--heldout` reports on them alone.

    Example: `classifier split-report --misses 10`
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
        evaluate("seeds", seeds, gold, seed_starts),
        evaluate("dragnet" + suffix, dragnet_pages, gold, {p.name: p.thread_start for p in dragnet_pages}),
        evaluate("c4-sample" + suffix, c4_pages, {}, {page.name: None for page in c4_pages}),
    ]

    def share(part, whole):
        return f"{part}/{whole} ({part / whole:.1%})" if whole else "-"

    def ratio(value):
        return "-" if value is None else f"{value:.3f}"

    table = Table(title="Splitter against the truth")
    for column in ("corpus", "thread start exact", "thread-less pages with comments", "comments recovered exactly",
                   "boundary precision", "boundary recall"):
        table.add_column(column, justify="left" if column == "corpus" else "right")
    for r in reports:
        table.add_row(r.corpus, share(r.thread_start_exact, r.thread_pages),
                      share(r.threadless_with_comments, r.threadless_pages), share(r.recovered_exact, r.gold_comments),
                      ratio(r.boundary_precision), ratio(r.boundary_recall))
    console = Console(width=max(140, Console().width))
    console.print(table)
    for r in reports:
        if misses and r.misses:
            console.print(f"{r.corpus}: thread start missed on " + ", ".join(r.misses[:misses]))


def main() -> None:
    app()
