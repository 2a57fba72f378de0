"""The command line: parse options into Settings, run the pipeline, render, exit.

Exit status: 0 every citation fine, 1 at least one problem, 2 usage or input error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
from enum import Enum
from pathlib import Path
from collections.abc import Callable
from typing import Annotated, BinaryIO, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .report import ExitCode

# typer's usage line writes a required argument {PATH}; its own errors take several lines.
_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _Command(TyperCommand):
    """A command whose usage line reads as the README writes it: `verify [OPTIONS] PATH...`."""

    def collect_usage_pieces(self, ctx):  # type: ignore[no-untyped-def]
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
                for piece in super().collect_usage_pieces(ctx)]


class _Commands(TyperGroup):
    """Errors of usage (a missing argument, a bad option value) as every other error: one
    line on standard error, exit 2."""

    def main(self, *args, standalone_mode: bool = True, **kwargs):  # type: ignore[no-untyped-def]
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except _USAGE_ERROR as e:
            if type(e).__name__ == "NoArgsIsHelpError":  # `citecheck` alone: the help
                e.show()
                sys.exit(e.exit_code)
            ctx = getattr(e, "ctx", None)
            hint = f" (see {ctx.command_path} --help)" if ctx is not None else ""
            message = " ".join(e.format_message().split())
            typer.echo(f"citecheck: error: {message}{hint}", err=True)
            sys.exit(getattr(e, "exit_code", ExitCode.USAGE) or ExitCode.USAGE)
        except typer.Abort:
            typer.echo("citecheck: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Verify that the pages a document's footnotes cite still exist and state the "
    "figures the document attributes to them.",
)


class Format(str, Enum):  # one name per entry of renderers.RENDERERS (a test checks)
    terminal = "terminal"
    json = "json"
    md = "md"
    html = "html"
    sarif = "sarif"
    junit = "junit"


class RotFormat(str, Enum):  # one name per entry of renderers.ROT_RENDERERS
    terminal = "terminal"
    json = "json"
    md = "md"


# Options that several commands share, declared once.
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Report format.")]
OutputOption = Annotated[str, typer.Option("--output", "-o", help="Write the report to FILE; - is "
                                   "standard output.", metavar="FILE|-")]
CacheDirOption = Annotated[Path, typer.Option(help="Folder of the HTTP cache and the WARC archive.")]
AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private-hosts", help="Allow fetching loopback, private, link-local and metadata "
    "addresses (refused by default).")]
PerHostOption = Annotated[int, typer.Option(min=1, max=16, help="URLs fetched at once from one host.")]
TimeoutOption = Annotated[float, typer.Option(min=0.1, max=600,
                                       help="Connect and read time-out, seconds.")]
DeadlineOption = Annotated[float, typer.Option(
    min=0.1, max=3600, help="Total time for one URL, retries included, seconds.")]
RunDeadlineOption = Annotated[float, typer.Option(
    min=1, max=7 * 24 * 3600, help="Total time of the run, seconds: past it no page is fetched, "
    "fetches still going are cut off, and their citations are 'unreachable'.")]
RetriesOption = Annotated[int, typer.Option(min=1, max=10,
                                    help="Attempts for 5xx, 429 and connection errors.")]
MaxRetryWaitOption = Annotated[float, typer.Option(min=0, max=600,
                                             help="Longest Retry-After honoured, seconds.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
ExecutorOption = Annotated[Optional[str], typer.Option(
    "--executor", metavar="dask://HOST:PORT|local:N", help="Fetch and read the pages on a Dask "
    "cluster: a running scheduler, or N worker processes here (needs citecheck[dask]).",
    show_default=False)]
ConcurrencyOption = Annotated[Optional[int], typer.Option(
    min=1, max=512, help="URLs fetched at once (default: per-host × the number of hosts, "
    "at most 256).", show_default=False)]
ChangedSinceOption = Annotated[Optional[str], typer.Option(
    "--changed-since", metavar="REF", help="Check only the citations whose claim or URL differ "
    "from the document at git REF (new, edited and moved notes).", show_default=False)]


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


@app.command(cls=_Command)
def verify(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Documents to check: .txt, .md, .html, .docx "
                                                "or .pdf.",
                                                metavar="PATH...", show_default=False)],
    format: FormatOption = Format.terminal,
    output: OutputOption = "-",
    cache_dir: CacheDirOption = Path("cache"),
    offline: Annotated[bool, typer.Option("--offline", help="Never touch the network: answer "
                                          "from the archive (the latest copy) only.")] = False,
    replay: Annotated[Optional[list[Path]], typer.Option(
        "--replay", help="Never touch the network: answer from this WARC file (ours or another "
        "tool's); may be repeated.", metavar="WARC", show_default=False)] = None,
    refresh: Annotated[bool, typer.Option("--refresh", help="Fetch again even what the cache "
                                          "holds.")] = False,
    allow_private_hosts: AllowPrivateOption = False,
    concurrency: ConcurrencyOption = None,
    per_host: PerHostOption = 2,
    timeout: TimeoutOption = 20.0,
    deadline: DeadlineOption = 60.0,
    run_deadline: RunDeadlineOption = 1800.0,
    retries: RetriesOption = 3,
    max_retry_wait: MaxRetryWaitOption = 30.0,
    max_body_mb: MaxBodyOption = 20.0,
    user_agent: UserAgentOption = None,
    skip_host: SkipHostOption = None,
    fail_on: Annotated[Optional[str], typer.Option(
        metavar="STATUS,...", help="Statuses that fail the run (exit 1); default: every "
        "status but verified, no_figures and skipped.", show_default=False)] = None,
    config: ConfigOption = None,
    header: HeaderOption = None,
    cookie_jar: CookieJarOption = None,
    exclude: ExcludeOption = None,
    remap: RemapOption = None,
    accept: AcceptOption = None,
    max_redirects: MaxRedirectsOption = 10,
    max_cache_age: Annotated[str, typer.Option(
        metavar="DURATION", help="A cached page younger than this is not fetched again (1d, "
        "12h, 30m, 90s).")] = "1d",
    changed_since: ChangedSinceOption = None,
    executor: ExecutorOption = None,
    debug: DebugOption = False,
) -> None:
    """Check every footnote of the documents and write a verification report."""
    from . import config as configuration
    from .pipeline import verify as run
    from .settings import Settings

    p, given, values = _configured(ctx, config)
    fetching = _fetching(p, given)
    try:
        fail_on_given = configuration.parse_statuses(fail_on.split(",")) if "fail_on" in given \
            else p.get("fail_on")
        if "max_cache_age" in given or "max_cache_age" not in values:
            p["max_cache_age"] = configuration.parse_duration(p["max_cache_age"])
    except configuration.ConfigError as e:
        _fail(str(e))
    settings = Settings(
        offline=offline, refresh=refresh, replay=tuple(replay or ()),
        **({"fail_on": fail_on_given} if fail_on_given is not None else {}),
        cache_ttl=p["max_cache_age"], **fetching,
    )
    report = _run(lambda progress: run(paths, settings, progress=progress,
                                       changed_since=changed_since), debug,
                  interruptible=True)
    _emit(report, format, output)
    if offline and not replay and any(c.url for c in report.citations):
        _say_if_the_archive_is_empty(settings)
    raise typer.Exit(_exit_code(report.exit_code))


def _say_if_the_archive_is_empty(settings) -> None:  # type: ignore[no-untyped-def]
    from .archive import Archive, ArchiveError

    try:
        empty = not Archive(settings.archive_dir).index().entries
    except ArchiveError:
        return  # the report said what the archive's trouble is
    if empty:
        typer.echo(f"citecheck: --offline: the archive {settings.archive_dir} is empty, so no "
                   "page could be read; run citecheck verify once without --offline (with "
                   f"--cache-dir {settings.cache_dir}) to fetch the cited pages and archive "
                   "them", err=True)


def _configured(ctx: typer.Context, config: Path | None) -> tuple[dict, set[str], dict]:
    """The command's parameters over the configuration file's settings (a flag given on the
    command line wins), the names of the flags given, and the file's settings."""
    from . import config as configuration

    given = {name for name in ctx.params
             if getattr(ctx.get_parameter_source(name), "name", "") == "COMMANDLINE"}
    try:
        path = config or configuration.find(Path.cwd())
        values = configuration.load(path) if path else {}
    except configuration.ConfigError as e:
        _fail(str(e))
    params = dict(ctx.params)
    for key, value in values.items():
        name = {"skip-hosts": "skip_host"}.get(key, key.replace("-", "_"))
        if name not in given:
            params[name] = value
    return params, given, values


ConfigOption = Annotated[Optional[Path], typer.Option(
    "--config", metavar="FILE", help="Read settings from FILE (default: citecheck.toml, "
    "else [tool.citecheck] of pyproject.toml, in the current folder).", show_default=False)]
SkipHostOption = Annotated[Optional[list[str]], typer.Option(
    "--skip-host", metavar="HOST", help="Never fetch this host or its subdomains; its "
    "citations are 'skipped'. Repeatable.", show_default=False)]
MaxBodyOption = Annotated[float, typer.Option(min=0.01, max=1024, help="Largest page read, "
                                              "in MiB after decompression; a larger one is "
                                              "'unreadable'.")]
UserAgentOption = Annotated[Optional[str], typer.Option(help="User-Agent header sent with every "
                                                        "request.", show_default=False)]
HeaderOption = Annotated[Optional[list[str]], typer.Option(
    "--header", "-H", metavar="NAME:VALUE", help="Send this header with every request "
    "(as lychee and curl write it). Repeatable.", show_default=False)]
CookieJarOption = Annotated[Optional[Path], typer.Option(
    "--cookie-jar", metavar="FILE", help="Send the cookies of this cookies.txt file to the "
    "domains they name (never written back).", show_default=False)]
ExcludeOption = Annotated[Optional[list[str]], typer.Option(
    "--exclude", metavar="REGEX", help="Do not fetch URLs matching this regular expression; "
    "their citations are 'skipped'. Repeatable.", show_default=False)]
RemapOption = Annotated[Optional[list[str]], typer.Option(
    "--remap", metavar="'REGEX URL'", help="Fetch URL instead of a cited URL matching REGEX "
    "($1 for its groups). Repeatable; the first match wins.", show_default=False)]
AcceptOption = Annotated[Optional[str], typer.Option(
    "--accept", metavar="CODES", help="Statuses whose page is read and checked, e.g. "
    "'200..=204, 403'; default: 2xx.", show_default=False)]
MaxRedirectsOption = Annotated[int, typer.Option(min=0, max=50, help="Redirects followed at "
                                                 "most.")]


def _fetching(p: dict, given: set[str]) -> dict:
    """The Settings of fetching (what a Fetcher is built from), from the command's parameters
    over the configuration file's (see _configured): the one place verify and rot take them
    from. A flag's lychee option is parsed here, a file's value was parsed when loaded."""
    from . import config as configuration

    try:
        for name, parse in (("header", configuration.parse_headers),
                            ("exclude", configuration.parse_patterns),
                            ("remap", configuration.parse_remap),
                            ("accept", configuration.parse_accept)):
            if name in given and p[name] is not None:
                p[name] = parse(p[name])
    except configuration.ConfigError as e:
        _fail(str(e))
    return dict(
        cache_dir=Path(p["cache_dir"]), allow_private_hosts=p["allow_private_hosts"],
        concurrency=p["concurrency"], per_host=p["per_host"], timeout=p["timeout"],
        deadline=p["deadline"], run_deadline=p["run_deadline"], retries=p["retries"],
        max_retry_wait=p["max_retry_wait"], user_agent=p["user_agent"],
        max_body_bytes=int(p["max_body_mb"] * 1024 * 1024), executor=_executor(p["executor"]),
        skip_hosts=tuple(configuration.host_name(h) for h in p["skip_host"] or ()),
        headers=tuple(p["header"] or ()), host_headers=tuple(p.get("hosts") or ()),
        cookie_jar=Path(p["cookie_jar"]) if p["cookie_jar"] else None,
        exclude=tuple(p["exclude"] or ()), remap=tuple(p["remap"] or ()), accept=p["accept"],
        max_redirects=p["max_redirects"],
    )


@app.command("report", cls=_Command)
def report_command(
    file: Annotated[Path, typer.Argument(help="A report saved by verify --format json.",
                                         metavar="FILE.json", show_default=False)],
    format: FormatOption = Format.terminal,
    output: OutputOption = "-",
) -> None:
    """Render a saved JSON report again, in any format (exit 0 once written)."""
    _emit(_load_report(file), format, output)


@app.command("diff", cls=_Command)
def diff_command(
    old: Annotated[Path, typer.Argument(help="The earlier JSON report.", metavar="OLD.json",
                                        show_default=False)],
    new: Annotated[Path, typer.Argument(help="The later JSON report.", metavar="NEW.json",
                                        show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Write the Markdown to FILE; - is "
                                        "standard output.", metavar="FILE|-")] = "-",
) -> None:
    """Say what changed between two JSON reports, in Markdown for a pull-request comment:
    new problems, fixed ones, problems whose status changed. Exit 1 when there is a new
    problem."""
    from .diff import compare, render_markdown

    changes = compare(_load_report(old), _load_report(new))
    _write(render_markdown(changes), output)
    raise typer.Exit(changes.exit_code)


def _load_report(path: Path):  # type: ignore[no-untyped-def]
    import json

    from .report import Report, ReportError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Report.from_dict(data)
    except FileNotFoundError:
        _fail(f"{path}: no such file")
    except IsADirectoryError:
        _fail(f"{path}: is a directory")
    except OSError as e:
        _fail(f"{path}: cannot read: {e.strerror or e}")
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        _fail(f"{path}: not a JSON file: {e}")
    except ReportError as e:
        _fail(f"{path}: {e}")


def _emit(report, format: Format, output: str) -> None:  # type: ignore[no-untyped-def]
    from .renderers import RENDERERS, summary_line

    if format is Format.json and output != "-":  # written as it is encoded, never held whole
        from .renderers import json as json_renderer

        _write_atomically(Path(output), lambda f: json_renderer.write(report, f))
        typer.echo(_printable(f"{output}: {summary_line(report)}"), err=True)
        return
    if format is Format.terminal:
        text = _terminal(RENDERERS["terminal"], report, output)
    else:
        text = RENDERERS[format.value](report)
    _write(text, output, summary_line(report))


@app.command(cls=_Command)
def rot(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Documents whose cited links to check.",
                                                metavar="PATH...", show_default=False)],
    format: Annotated[RotFormat, typer.Option("--format", "-f",
                                             help="Report format.")] = RotFormat.terminal,
    output: OutputOption = "-",
    cache_dir: CacheDirOption = Path("cache"),
    as_of: Annotated[Optional[str], typer.Option(
        "--as-of", help="Seek Wayback snapshots before this date (YYYY-MM-DD); default: the "
        "date the document states.", metavar="DATE", show_default=False)] = None,
    wayback: Annotated[str, typer.Option(
        "--wayback", help="Base URL of the Wayback Machine (its CDX API, availability API and "
        "snapshots); none: do not ask it.", metavar="URL")] = "https://web.archive.org",
    memento: Annotated[Optional[list[str]], typer.Option(
        "--memento", metavar="URL", help="A Memento TimeGate (RFC 7089) to ask when the Wayback "
        "Machine has no snapshot, the page's URL appended (repeatable; none: ask none). "
        "Default: the Time Travel aggregator, http://timetravel.mementoweb.org/timegate/.",
        show_default=False)] = None,
    allow_private_hosts: AllowPrivateOption = False,
    concurrency: ConcurrencyOption = None,
    per_host: PerHostOption = 2,
    timeout: TimeoutOption = 20.0,
    deadline: DeadlineOption = 60.0,
    run_deadline: RunDeadlineOption = 1800.0,
    retries: RetriesOption = 3,
    max_retry_wait: MaxRetryWaitOption = 30.0,
    max_body_mb: MaxBodyOption = 20.0,
    user_agent: UserAgentOption = None,
    skip_host: SkipHostOption = None,
    config: ConfigOption = None,
    header: HeaderOption = None,
    cookie_jar: CookieJarOption = None,
    exclude: ExcludeOption = None,
    remap: RemapOption = None,
    accept: AcceptOption = None,
    max_redirects: MaxRedirectsOption = 10,
    changed_since: ChangedSinceOption = None,
    executor: ExecutorOption = None,
    debug: DebugOption = False,
) -> None:
    """Check every cited link against its archived copy: dead, soft 404, redirected, drifted."""
    from .document import find_date
    from .renderers import ROT_RENDERERS, rot_summary_line
    from .rot import check_rot
    from .settings import Settings

    when = None
    if as_of is not None:
        when = find_date([as_of])
        if when is None:
            _fail(f"--as-of {as_of!r}: not a date (use YYYY-MM-DD)")
    p, given, _ = _configured(ctx, config)  # the same file as verify's, read the same way
    settings = Settings(**_fetching(p, given))
    from .rot import DEFAULT_TIMEGATES

    timegates = [] if memento and [m.lower() for m in memento] == ["none"] else \
        list(memento or DEFAULT_TIMEGATES)
    for url in timegates:
        if not url.lower().startswith(("http://", "https://")):
            _fail(f"--memento {url!r}: a TimeGate is an http(s) URL (or none)")
    report = _run(lambda progress: check_rot(
        paths, settings, wayback=None if wayback.lower() == "none" else wayback,
        timegates=timegates, as_of=when, progress=progress, changed_since=changed_since),
        debug, interruptible=True)
    if format is RotFormat.terminal:
        text = _terminal(ROT_RENDERERS["terminal"], report, output)
    else:
        text = ROT_RENDERERS[format.value](report)
    _write(text, output, rot_summary_line(report))
    raise typer.Exit(_exit_code(report.exit_code))


@app.command(cls=_Command)
def export(
    out: Annotated[Path, typer.Argument(help="The WACZ file to write.", metavar="OUT.wacz",
                                        show_default=False)],
    reports: Annotated[Optional[list[Path]], typer.Argument(
        help="JSON reports (verify or rot): export only the captures they cite.",
        metavar="[REPORT.json]...", show_default=False)] = None,
    cache_dir: CacheDirOption = Path("cache"),
    debug: DebugOption = False,
) -> None:
    """Write the archive, or only what the reports cite, as a WACZ file (web archive
    collection zipped) that ReplayWeb.page and pywb open."""
    from .export import export_wacz
    from .settings import Settings

    if out.suffix.lower() != ".wacz":
        _fail(f"{out}: a WACZ file's name ends in .wacz")
    done = _run(lambda _: export_wacz(out, Settings(cache_dir=cache_dir).archive_dir,
                                      reports or ()), debug)
    typer.echo(f"{done.path}: {done.pages} pages, {done.records} records in "
               f"{len(done.warcs)} WARC file{'s' if len(done.warcs) != 1 else ''}, "
               f"{done.size / 1024:.1f} KiB", err=True)


def _executor(text: str | None) -> str | None:
    """--executor checked before the run starts (a malformed one is a one-line error)."""
    if text is None:
        return None
    from .cluster import ExecutorError, parse

    try:
        parse(text)
    except ExecutorError as e:
        _fail(str(e))
    return text


@app.command(cls=_Command)
def fixity(
    file: Annotated[Path, typer.Argument(
        help="A JSON report (verify or rot); with --check, a manifest written before.",
        metavar="REPORT.json|MANIFEST.json", show_default=False)],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE", help="Where to write the manifest (default: beside "
        "the report, REPORT.fixity.json); its timestamp goes to FILE.tsr.",
        show_default=False)] = None,
    cache_dir: CacheDirOption = Path("cache"),
    tsa: Annotated[Optional[str], typer.Option(
        "--tsa", metavar="URL", help="An RFC 3161 timestamping authority to stamp the manifest "
        "(default: tsa-url of the configuration file, else none).", show_default=False)] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Check the archive against a manifest: exit 1 when a record is missing "
        "or not what it was.")] = False,
    config: Annotated[Optional[Path], typer.Option(
        "--config", metavar="FILE", help="Read tsa-url from FILE (as verify does).",
        show_default=False)] = None,
) -> None:
    """Write a manifest of the digests of every archived record a report relied on (and an
    RFC 3161 timestamp of it), or check the archive against one."""
    from . import config as configuration
    from . import fixity as fx
    from ._files import write_atomically
    from .settings import Settings

    archive_dir = Settings(cache_dir=cache_dir).archive_dir
    try:
        if check:
            problems = fx.check(file, archive_dir)
            for line in problems:
                typer.echo(line)
            typer.echo(f"{file}: " + (f"{len(problems)} record(s) differ from the manifest"
                                      if problems else "every record is as the manifest says"),
                       err=True)
            raise typer.Exit(ExitCode.PROBLEMS if problems else ExitCode.OK)
        if tsa is None:
            path = config or configuration.find(Path.cwd())
            tsa = (configuration.load(path) if path else {}).get("tsa-url")
        if tsa and not tsa.lower().startswith(("http://", "https://")):
            _fail(f"--tsa {tsa!r}: a timestamping authority is an http(s) URL")
        out = output or file.with_name(file.stem + ".fixity.json")
        data = fx.encode(fx.build(file, archive_dir))
        write_atomically(out, data.decode("utf-8"), mode=0o644)
        stamp = fx.timestamp(data, tsa, out.with_name(out.name + ".tsr")) if tsa else None
    except (fx.FixityError, configuration.ConfigError) as e:
        _fail(str(e))
    except OSError as e:
        _fail(f"{out}: cannot write the manifest ({e.strerror or e})")
    records = json.loads(data)["records"]
    said = f", timestamped by {stamp.tsa} at {stamp.time} ({stamp.path})" if stamp else ""
    typer.echo(f"{out}: {len(records)} records{said}", err=True)


def _run(job, debug: bool, interruptible: bool = False):  # type: ignore[no-untyped-def]
    """job(progress) with a progress bar; what goes wrong is one line on standard error
    (exit 2), a bug too unless --debug asks for the traceback. An `interruptible` job (a
    run on this machine) ends its fetching at the first Ctrl-C or SIGTERM and still
    returns its report (`_interruptible`)."""
    from .archive import ArchiveError
    from .cluster import ExecutorError
    from .document import InputError
    from .export import ExportError
    from .capture import CacheError, interrupt_cleared

    interrupt_cleared()  # a run of its own, even in a process that ran one before
    if _OWN_PROCESS:
        # What is loaded by now (the modules, their tables and expressions) lives as long as
        # the process: kept out of the garbage collector's walks, which would otherwise go
        # over all of it at each full collection (a cached re-run of 1,000 citations: 0.07 s
        # of its 0.4 s of CPU). Not in a process that only calls `app` (the tests'): what it
        # frees later could never be collected.
        import gc

        gc.freeze()
    try:
        with _progress() as progress, _interruptible(interruptible):
            return job(progress)
    except (InputError, ArchiveError, CacheError, ExportError, ExecutorError) as e:
        _fail(str(e))
    except Exception as e:  # a bug: say so in one line, unless asked for the traceback
        if debug:
            raise
        _fail(f"internal error: {type(e).__name__}: {e} (run with --debug for details)")


@contextlib.contextmanager
def _interruptible(on: bool):  # type: ignore[no-untyped-def]
    """The first Ctrl-C (SIGINT) or SIGTERM, as a CI job's cancel sends it, ends the run's
    fetching as its deadline would (`fetch.interrupt`): the report of what was checked is
    written, the rest said `interrupted`, and the exit status is 128 + the signal's number
    (`_exit_code`). A second one stops at once, without a report (exit 130)."""
    if not on or threading.current_thread() is not threading.main_thread():
        yield
        return
    import signal

    from .capture import _interrupted

    seen: list[int] = []

    def interrupted(signum: int, frame: object) -> None:
        if seen:
            raise KeyboardInterrupt
        seen.append(signum)
        name = signal.Signals(signum).name
        _interrupted.append(name)  # said at once; `stop` below cuts the fetches off
        typer.echo(f"citecheck: interrupted ({name}): no more pages are fetched; writing the "
                   "report of what was checked (again to stop at once, without it)", err=True)

        def stop() -> None:  # not in the handler: it may hold a lock `interrupt` takes
            from .fetch import interrupt
            interrupt(name)

        threading.Thread(target=stop, name="citecheck-interrupt", daemon=True).start()

    before = {s: signal.signal(s, interrupted) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _exit_code(code: int) -> int:
    """The report's exit status, or 128 + the signal's number when the run was interrupted
    (130 for Ctrl-C, 143 for SIGTERM), as a shell reports a program the signal stopped."""
    import signal

    from .capture import interrupted_by

    name = interrupted_by()
    return 128 + signal.Signals[name].value if name else code


def _write(text: str, output: str, summary: str | None = None) -> None:
    """The report on standard output, or into the file `output` (with the summary said on
    standard error)."""
    if output == "-":
        sys.stdout.write(text)
    else:
        _write_atomically(Path(output), text)
        if summary is not None:
            typer.echo(_printable(f"{output}: {summary}"), err=True)


def _terminal(render, report, output: str) -> str:  # type: ignore[no-untyped-def]
    """A terminal report: in colour (unless NO_COLOR) and as wide as the terminal when it
    goes to one, plain text 100 wide otherwise."""
    if output != "-" or not sys.stdout.isatty():
        return render(report)
    import shutil

    return render(report, color="NO_COLOR" not in os.environ,
                  width=shutil.get_terminal_size((100, 24)).columns)


# When standard error is not a terminal (CI), a line this often while pages are fetched.
PROGRESS_SECONDS = 5.0


class _progress:
    """How far a run has got, on standard error: a bar with done/total and the host being
    fetched on a terminal; elsewhere (a CI log) a plain line every PROGRESS_SECONDS, so a long
    run is never silent until its end."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        import time
        from urllib.parse import urlsplit

        self._bar = None

        def host(url: str) -> str:
            try:
                return _printable(urlsplit(url).netloc or url)[:60]
            except ValueError:
                return _printable(url)[:60]

        if not sys.stderr.isatty():
            said = [time.monotonic()]

            def line(done: int, total: int, url: str) -> None:
                now = time.monotonic()
                if now - said[0] >= PROGRESS_SECONDS and done < total:
                    said[0] = now
                    sys.stderr.write(f"citecheck: {done}/{total} pages, now {host(url)}\n")
                    sys.stderr.flush()

            return line
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                             MofNCompleteColumn(), transient=True, console=Console(stderr=True))
        self._task = None

        def update(done: int, total: int, url: str) -> None:
            if self._task is None:
                self._bar.start()
                self._task = self._bar.add_task("fetching", total=total)
            self._bar.update(self._task, completed=done,
                             description=f"fetching {escape(host(url)):<30.30}")

        return update

    def __exit__(self, *exc):  # type: ignore[no-untyped-def]
        if self._bar is not None:
            self._bar.stop()
        return False


def _write_atomically(path: Path, content: str | Callable[[BinaryIO], object]) -> None:
    """`content`, text or what writes it into a binary file, as the report file `path`."""
    from ._files import write_atomically_with

    umask = os.umask(0)
    os.umask(umask)
    write = (lambda f: f.write(content.encode("utf-8"))) if isinstance(content, str) else content
    try:
        # A report is for sharing: the usual file mode, not a temporary file's.
        write_atomically_with(path, write, mode=0o666 & ~umask)
    except OSError as e:
        _fail(f"{path}: cannot write the report: {e.strerror or e}")


def _fail(message: str) -> None:
    typer.echo(f"citecheck: error: {_printable(message)}", err=True)
    raise typer.Exit(ExitCode.USAGE)


def _printable(text: str) -> str:
    """One line, with what is not printable spelled out (a file name may hold a newline and
    `::error::`, a workflow command on GitHub Actions, or terminal escape sequences)."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


_OWN_PROCESS = False  # `main`: this process runs one command, then exits


def main() -> None:
    global _OWN_PROCESS
    _OWN_PROCESS = True
    app(prog_name="citecheck")  # also as `python -m citecheck`
