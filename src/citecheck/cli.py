"""The command line: parse options into Settings, run the pipeline, render, exit.

Exit status: 0 every citation fine, 1 at least one problem, 2 usage or input error.
"""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .report import ExitCode

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Verify that the pages a document's footnotes cite still exist and state the "
    "figures the document attributes to them.",
)


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    md = "md"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"citecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    pass


@app.command()
def verify(
    paths: Annotated[list[Path], typer.Argument(help="Documents to check (plain text).",
                                                metavar="PATH", show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.terminal,
    output: Annotated[str, typer.Option("--output", "-o", help="Write the report to FILE; - is "
                                        "standard output.", metavar="FILE|-")] = "-",
    cache_dir: Annotated[Path, typer.Option(help="Folder of the HTTP cache.")] = Path("cache"),
    offline: Annotated[bool, typer.Option("--offline", help="Never touch the network: answer "
                                          "from the cache only.")] = False,
    refresh: Annotated[bool, typer.Option("--refresh", help="Fetch again even what the cache "
                                          "holds.")] = False,
    allow_private_hosts: Annotated[bool, typer.Option(
        "--allow-private-hosts", help="Allow fetching loopback, private, link-local and "
        "metadata addresses (refused by default).")] = False,
    concurrency: Annotated[int, typer.Option(min=1, max=512, help="URLs fetched at once.")] = 8,
    per_host: Annotated[int, typer.Option(min=1, max=16, help="URLs fetched at once from one "
                                          "host.")] = 2,
    timeout: Annotated[float, typer.Option(min=0.1, max=600, help="Connect and read time-out, "
                                           "seconds.")] = 20.0,
    deadline: Annotated[float, typer.Option(min=0.1, max=3600, help="Total time for one URL, "
                                            "retries included, seconds.")] = 60.0,
    retries: Annotated[int, typer.Option(min=1, max=10, help="Attempts for 5xx, 429 and "
                                         "connection errors.")] = 3,
    max_retry_wait: Annotated[float, typer.Option(min=0, max=600, help="Longest Retry-After "
                                                  "honoured, seconds.")] = 30.0,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Check every footnote of the documents and write a verification report."""
    from .document import InputError
    from .pipeline import verify as run
    from .renderers import RENDERERS, summary_line
    from .settings import Settings

    settings = Settings(
        cache_dir=cache_dir, offline=offline, refresh=refresh,
        allow_private_hosts=allow_private_hosts, concurrency=concurrency, per_host=per_host,
        timeout=timeout, deadline=deadline, retries=retries, max_retry_wait=max_retry_wait,
    )
    try:
        with _progress() as progress:
            report = run(paths, settings, progress=progress)
    except InputError as e:
        _fail(str(e))
    except Exception as e:  # a bug: say so in one line, unless asked for the traceback
        if debug:
            raise
        _fail(f"internal error: {type(e).__name__}: {e} (run with --debug for details)")
    if format is Format.terminal:
        to_terminal = output == "-" and sys.stdout.isatty()
        text = RENDERERS["terminal"](report) if not to_terminal else _terminal(report)
    else:
        text = RENDERERS[format.value](report)
    if output == "-":
        sys.stdout.write(text)
    else:
        _write_atomically(Path(output), text)
        typer.echo(f"{output}: {summary_line(report)}", err=True)
    raise typer.Exit(report.exit_code)


def _terminal(report) -> str:  # type: ignore[no-untyped-def]
    import shutil

    from .renderers import render_terminal

    return render_terminal(report, color="NO_COLOR" not in os.environ,
                           width=shutil.get_terminal_size((100, 24)).columns)


class _progress:
    """A progress bar on standard error for runs longer than a moment, when it is a terminal."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self._bar = None
        if not sys.stderr.isatty():
            return None
        from rich.progress import Progress

        self._bar = Progress(transient=True, console=None)
        self._task = None

        def update(done: int, total: int, url: str) -> None:
            if self._task is None:
                self._bar.start()
                self._task = self._bar.add_task("fetching", total=total)
            self._bar.update(self._task, completed=done, description=url[-40:])

        return update

    def __exit__(self, *exc):  # type: ignore[no-untyped-def]
        if self._bar is not None:
            self._bar.stop()
        return False


def _write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        _fail(f"{path}: cannot write the report: {e.strerror or e}")


def _fail(message: str) -> None:
    typer.echo(f"citecheck: error: {message}", err=True)
    raise typer.Exit(ExitCode.USAGE)


def main() -> None:
    app()
