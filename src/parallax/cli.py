"""The command line: each command parses its options and calls one library function."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from parallax.model import InputError, Report

FORMATS = ("terminal", "json", "markdown", "html")
EXIT_OK, EXIT_NONE, EXIT_SOME = 0, 1, 2


def render(report: Report, fmt: str) -> str:
    """The report as text in one of FORMATS (the terminal format without colour)."""
    from parallax.render.json import render_json, report_to_dict

    if fmt == "json":
        return render_json(report)
    data = report_to_dict(report)
    if fmt == "markdown":
        from parallax.render.markdown import render_markdown

        return render_markdown(data)
    if fmt == "html":
        from parallax.render.html import render_html

        return render_html(data)
    from parallax.render.terminal import render_terminal

    return _recorded(report, lambda _, console: render_terminal(data, console))


def write_atomically(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder so a failure never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report gets the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def exit_code(report: Report) -> int:
    if not report.errors:
        return EXIT_OK
    return EXIT_SOME if report.articles else EXIT_NONE


F = TypeVar("F", bound=Callable[..., Any])


def output_option(command: F) -> F:
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
    )(command)


def db_option(command: F) -> F:
    return click.option(
        "--db", "db", help="Also keep the articles in this store (SQLite FILE or postgresql:// URL)."
    )(command)


def input_options(command: F) -> F:
    """-o, --outlet, --published and --db: what every command reading articles for a report takes."""
    command = db_option(command)
    command = click.option("--published", help="Publication date, ISO 8601 (a single input only).")(command)
    command = click.option("--outlet", help="Outlet name (a single input only).")(command)
    return output_option(command)


@click.group()
@click.version_option(package_name="parallax")
def main() -> None:
    """Parallax: compare how several outlets report one news event."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="terminal", show_default=True)
@click.option(
    "--one-story",
    is_flag=True,
    help="The articles report one event: compare them together instead of grouping them into stories.",
)
@input_options
def compare(
    paths: tuple[str, ...],
    fmt: str,
    one_story: bool,
    output: Path | None,
    outlet: str | None,
    published: str | None,
    db: str | None,
) -> None:
    """Compare articles about one event: PATHS are files, folders, JSONL dumps or - for stdin.

    Articles about several events make one comparison per story, unless --one-story says they are one.
    """
    report = _run(paths, outlet, published, db, one_story=one_story)
    if report.articles or fmt != "terminal":
        _emit(report, fmt, output)
    sys.exit(exit_code(report))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(("terminal", "json")), default="terminal", show_default=True
)
@input_options
def quotes(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    outlet: str | None,
    published: str | None,
    db: str | None,
) -> None:
    """Who said what in each article, and how outlets render the same statement."""
    from parallax.render.quotes import render_quotes_json, render_quotes_terminal

    report = _run(paths, outlet, published, db)
    if fmt == "json" or output is not None:
        text = render_quotes_json(report) if fmt == "json" else _recorded(report, render_quotes_terminal)
        if output is not None:
            write_atomically(output, text)
            click.echo(f"wrote {output}", err=True)
        else:
            click.echo(text, nl=False)
    elif report.articles:
        from rich.console import Console

        render_quotes_terminal(report, Console())
    sys.exit(exit_code(report))


@main.command(name="cluster")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(("terminal", "json")), default="terminal", show_default=True
)
@output_option
@db_option
def cluster_command(paths: tuple[str, ...], fmt: str, output: Path | None, db: str | None) -> None:
    """Group articles into stories (one event each) and link copies to their originals."""
    from parallax.render.stories import render_clustering_json, render_clustering_terminal

    data, errors = _clustered(paths, db)
    if fmt == "json" or output is not None:
        text = (
            render_clustering_json(data)
            if fmt == "json"
            else _recorded_any(lambda console: render_clustering_terminal(data, console))
        )
        if output is not None:
            write_atomically(output, text)
            click.echo(f"wrote {output}", err=True)
        else:
            click.echo(text, nl=False)
    elif data["articles"]:
        from rich.console import Console

        render_clustering_terminal(data, Console())
    sys.exit(EXIT_OK if not errors else EXIT_SOME if data["articles"] else EXIT_NONE)


def _clustered(paths: tuple[str, ...], db: str | None) -> tuple[dict[str, Any], list[InputError]]:
    from parallax.ingest import read_inputs
    from parallax.pipeline import clean_all
    from parallax.render.stories import clustering_to_dict
    from parallax.stories import Clustering, cluster

    documents, errors = read_inputs(paths, stdin=sys.stdin)
    articles, clean_errors, notes = clean_all(documents)
    errors = [*errors, *clean_errors]
    _echo_errors(errors)
    if not articles:
        notes.append("no article to cluster")
    clustering = cluster(articles) if articles else Clustering((), ())
    if db:
        click.echo(_keep(articles, db), err=True)
    return clustering_to_dict(clustering, articles, errors, notes), errors


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", "db", required=True, help="SQLite FILE, or a postgresql:// URL.")
@click.option(
    "--allow-private", is_flag=True, help="Allow URLs on private, loopback or link-local addresses."
)
def ingest(sources: tuple[str, ...], db: str, allow_private: bool) -> None:
    """Add articles (files, folders, JSONL, URLs, - for stdin) to the stories of a store."""
    documents, errors, notes = _read_sources(sources, allow_private)
    _store_documents(documents, errors, notes, db)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--db", "db", required=True, help="SQLite FILE, or a postgresql:// URL.")
@click.option("--interval", type=click.FloatRange(min=1.0), default=600.0, show_default=True, help="Seconds.")
@click.option("--once", is_flag=True, help="Poll each feed once and stop.")
@click.option(
    "--allow-private", is_flag=True, help="Allow feeds on private, loopback or link-local addresses."
)
def watch(feeds: tuple[str, ...], db: str, interval: float, once: bool, allow_private: bool) -> None:
    """Poll RSS/Atom feeds and add their new articles to the store's stories (Ctrl-C stops)."""
    from parallax.ingest.feed import watch_feeds
    from parallax.ingest.fetch import FetchOptions

    def on_documents(documents: list[Any]) -> None:
        _store_documents(documents, [], [], db, final=False)

    watch_feeds(
        list(feeds),
        on_documents=on_documents,
        options=FetchOptions(allow_private=allow_private),
        once=once,
        interval=interval,
        on_errors=_echo_errors,
        on_notes=_echo_notes,
    )


def _echo_errors(errors: Sequence[InputError]) -> None:
    for error in errors:
        click.echo(f"error: {error.source}: {error.reason}", err=True)


def _echo_notes(notes: Sequence[str]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)


def _read_sources(
    sources: tuple[str, ...], allow_private: bool
) -> tuple[list[Any], list[InputError], list[str]]:
    """Paths through the file readers, URLs through the safe fetcher; each bad item one error."""
    from parallax.ingest import read_inputs
    from parallax.ingest.fetch import FetchOptions, is_url
    from parallax.ingest.url import fetch_documents

    urls = [s for s in sources if is_url(s)]
    paths = [s for s in sources if not is_url(s)]
    documents, errors = read_inputs(paths, stdin=sys.stdin) if paths else ([], [])
    notes: list[str] = []
    if urls:
        fetched, fetch_errors, notes = fetch_documents(
            urls, options=FetchOptions(allow_private=allow_private)
        )
        documents, errors = [*documents, *fetched], [*errors, *fetch_errors]
    return documents, errors, notes


def _store_documents(
    documents: list[Any], errors: list[InputError], notes: list[str], db: str, final: bool = True
) -> None:
    from parallax.pipeline import clean_all

    articles, clean_errors, clean_notes = clean_all(documents)
    errors = [*errors, *clean_errors]
    summary = _keep(articles, db)
    _echo_errors(errors)
    _echo_notes([*notes, *clean_notes])
    click.echo(summary)
    if final:
        sys.exit(EXIT_OK if not errors else EXIT_SOME if articles else EXIT_NONE)


def _keep(articles: Sequence[Any], db: str) -> str:
    """Add cleaned articles to the store's stories; a line saying what happened."""
    from parallax.store import open_store
    from parallax.stories.incremental import StoryIndex

    with open_store(db) as store:
        known = sum(store.has_article(a.id) for a in articles)
        assignments = StoryIndex(store).add(articles)
        stories = store.count_stories()
    founded = sum(a.founded for a in assignments)
    merged = sum(len(a.merged) for a in assignments)
    return (
        f"{len(assignments)} new articles ({known} already stored): {founded} new stories, "
        f"{len(assignments) - founded} joined existing ones, {merged} merges; {stories} stories in {db}"
    )


@main.command()
@click.option(
    "--sentences",
    "source",
    type=click.File("r", encoding="utf-8", errors="replace"),
    required=True,
    help="FILE with one sentence per line, or - for stdin.",
)
@click.option(
    "--batch", type=click.IntRange(min=1), default=256, show_default=True, help="Lines scored at once."
)
@click.option(
    "--fast",
    is_flag=True,
    help="The fast model: no MiniLM transformer, several times faster, a little less accurate.",
)
def framing(source: Any, batch: int, fast: bool) -> None:
    """Loaded language: one JSON object per input line with `biased`, `score` and the `words` carrying it."""
    import json

    from parallax.framing import ModelMissing, framing_model, score_sentences

    try:
        framing_model(fast=True) if fast else framing_model()
    except ModelMissing as exc:
        raise click.ClickException(str(exc)) from exc
    pending: list[str] = []
    number = 0

    def flush() -> None:
        for offset, result in enumerate(score_sentences(pending, fast=fast)):
            line = number - len(pending) + offset + 1
            record = {
                "line": line,
                "biased": result.biased,
                "score": result.score,
                "words": list(result.words),
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        pending.clear()

    for text in source:
        pending.append(text.rstrip("\r\n"))
        number += 1
        if len(pending) >= batch:
            flush()
    if pending:
        flush()


def _run(
    paths: tuple[str, ...],
    outlet: str | None,
    published: str | None,
    db: str | None = None,
    *,
    one_story: bool = False,
) -> Report:
    """Read the inputs and run the pipeline; read and pipeline errors are echoed and kept in the report."""
    from parallax.ingest import read_inputs
    from parallax.pipeline import compare_documents

    try:
        documents, read_errors = read_inputs(paths, outlet=outlet, published=published, stdin=sys.stdin)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    report = compare_documents(documents, one_story=one_story)
    report = Report(
        report.articles, report.annotations, report.stories, (*read_errors, *report.errors), report.notes
    )
    for error in report.errors:
        click.echo(f"error: {error.source}: {error.reason}", err=True)
    if db:
        click.echo(_keep(report.articles, db), err=True)
    return report


def _recorded(report: Report, draw: Callable[[Report, Any], None]) -> str:
    """What a rich renderer draws, as plain text for a file."""
    return _recorded_any(lambda console: draw(report, console))


def _recorded_any(draw: Callable[[Any], None]) -> str:
    from rich.console import Console

    with open(os.devnull, "w") as sink:
        console = Console(record=True, width=120, file=sink)
        draw(console)
        return console.export_text()


def _emit(report: Report, fmt: str, output: Path | None) -> None:
    if output is not None:
        write_atomically(output, render(report, fmt))
        click.echo(f"wrote {output}", err=True)
    elif fmt == "terminal":
        from parallax.render.json import report_to_dict
        from parallax.render.terminal import render_terminal

        render_terminal(report_to_dict(report))
    else:
        click.echo(render(report, fmt), nl=False)


def _register_serve() -> None:
    from parallax.web.cli import serve

    main.add_command(serve)


_register_serve()
