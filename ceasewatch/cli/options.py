"""Shared CLI options and output, so every command feels like one tool (sqlite-utils style).

Every read command takes ``--db`` and ``--json``; both can also be given before the command
(``ceasewatch --db x.db events``). List commands also take ``--format table|json|jsonl|csv``:
``jsonl`` is one JSON object a line (``| jq -c``, ``pandas.read_json(lines=True)``), ``csv``
the same rows flattened; a table is plain aligned text when piped. Errors are translated
here, at the edge: a ``CeasewatchError`` becomes one line on stderr and exit status 1, a
store problem status 3, a bug status 4 (with its traceback, to report); a user's mistake
never shows a traceback.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, NoReturn, TypeVar

import click

from ceasewatch.errors import CeasewatchError, StoreError

F = TypeVar("F", bound=Callable[..., Any])


#: a day given on the command line (``--from 2025-10-01``)
DAY = click.DateTime(formats=["%Y-%m-%d"])


def db_option(fn: F) -> F:
    """``--db PATH`` on a command, falling back to the group's ``--db`` and ``$CEASEWATCH_DB``."""
    return click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
                        help="SQLite file or postgresql:// URL (default: $CEASEWATCH_DB or the "
                             "user data directory).")(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, default=False,
                        help="Print JSON for scripting.")(fn)


def output_options(fn: F) -> F:
    return db_option(json_option(fn))


OUTPUT_FORMATS = ("table", "json", "jsonl", "csv")
_FORMAT_KEY = "ceasewatch.output_format"


def _remember_format(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.meta[_FORMAT_KEY] = value  # meta is shared by every context of the invocation


def list_output_options(fn: F) -> F:
    """``--db``, ``--json`` and ``--format table|json|jsonl|csv`` for a command that lists."""
    fmt = click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS),
                       default=None, expose_value=False, callback=_remember_format,
                       help="table (default), json (one array), jsonl (one object a line) "
                            "or csv.")
    return output_options(fmt(fn))


def output_format(as_json: bool = False) -> str:
    """The chosen ``--format``; else ``json`` with ``--json``, else ``table``."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get(_FORMAT_KEY) if ctx is not None else None
    if chosen:
        return str(chosen)
    return "json" if _json_flag(as_json) else "table"


def resolve_db(db_path: str | None) -> str | None:
    if db_path:
        return db_path
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("db"):
            return str(ctx.obj["db"])
        ctx = ctx.parent
    return None


def wants_json(as_json: bool) -> bool:
    """Machine-readable output: ``--json``, or ``--format`` json, jsonl or csv."""
    return output_format(as_json) != "table"


def _json_flag(as_json: bool) -> bool:
    if as_json:
        return True
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("json"):
            return True
        ctx = ctx.parent
    return False


def db_target(db_path: str | None) -> str:
    """The store a command works on: ``--db`` (on the command or the group), else
    ``$CEASEWATCH_DB``, else the file in the user data directory."""
    from ceasewatch.store import default_db_target

    return resolve_db(db_path) or default_db_target()


def open_cli_store(db_path: str | None, *, create: bool = False) -> Any:
    """The store of ``--db``; a file that is not there is an error naming it, unless the
    command creates stores (``ingest``, ``demo``, ``init``), which says on stderr that it did.

    A mistyped ``--db`` would otherwise be a new empty store that answers "no events" as if
    nothing had happened; a ``postgresql://`` URL never becomes a local file.
    """
    from ceasewatch.store import DB_ENV, open_store, sqlite_path, store_exists

    target = db_target(db_path)
    existed = store_exists(target)
    # the default file in the user data directory is made on first use, saying so
    chosen = bool(resolve_db(db_path) or os.environ.get(DB_ENV))
    if not existed and not create and chosen:
        raise CeasewatchError(
            "no database at this path (check --db or $CEASEWATCH_DB); create one with "
            f"`ceasewatch init --db {sqlite_path(target)}` or `ceasewatch ingest`",
            origin=sqlite_path(target))
    store = open_store(target)
    if not existed:
        click.echo(f"created a new database at {printable(store.path)}", err=True)
    return store


#: exit statuses, distinct so that a cron job can tell a bad report from a sick store or a bug
EXIT_REJECTED = 1  # an input (or an option's value) was refused; the rest was stored
EXIT_USAGE = 2  # click's own status for a malformed command line
EXIT_STORE = 3  # the database cannot be used: locked too long, disk full, read-only, corrupt
EXIT_BUG = 4  # an error ceasewatch did not expect: please report it


def user_errors(fn: F) -> F:
    """Turn errors into one line on stderr and a distinct exit status, never a traceback for
    a user's mistake or a store problem."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ceasewatch.store.database import is_store_problem

        try:
            return fn(*args, **kwargs)
        except StoreError as exc:
            fail(f"store problem: {exc}", EXIT_STORE)
        except CeasewatchError as exc:
            raise click.ClickException(printable(str(exc))) from exc
        except BrokenPipeError:  # `ceasewatch docs | head`
            sys.stderr.close()
            raise SystemExit(0) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EIO):
                fail(f"store problem: {exc.strerror or exc}", EXIT_STORE)
            raise _bug(exc) from exc
        except Exception as exc:
            if is_store_problem(exc):
                fail(f"store problem: {exc}", EXIT_STORE)
            raise _bug(exc) from exc

    return wrapper  # type: ignore[return-value]


def fail(message: str, status: int) -> NoReturn:
    click.echo(f"Error: {printable(message)}", err=True)
    raise SystemExit(status)


def _bug(exc: Exception) -> SystemExit:
    import traceback

    traceback.print_exception(exc, file=sys.stderr)
    click.echo(f"Error: internal error ({type(exc).__name__}: {printable(str(exc))}); "
               "please report it", err=True)
    return SystemExit(EXIT_BUG)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\n]")


def printable(text: str) -> str:
    """``text`` safe for one line of a terminal or a log: control characters, newlines, ANSI
    escapes and bidi overrides in a file name become visible escapes, so a file named
    ``"a\\nrejected  b.txt"`` cannot forge a line of a cron log.

        >>> printable("nl\\nx\\x1b[31m.txt")
        'nl\\\\nx\\\\x1b[31m.txt'
    """
    return _CONTROL.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    if c == "\n":
        return "\\n"
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def publication_date(value: str | None, option: str = "--published") -> date | None:
    """``--published YYYY-MM-DD``, refused when impossible or outside the plausible range."""
    from ceasewatch.datebounds import plausible_published, published_range_message

    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD",
                                 param_hint=option) from None
    if not plausible_published(day):
        raise click.BadParameter(published_range_message(day), param_hint=option)
    return day


def print_json(data: Any) -> None:
    """The data as ``--format`` asks: an indented document, JSON lines, or CSV rows."""
    fmt = output_format()
    if fmt == "jsonl" and isinstance(data, list):
        for item in data:
            click.echo(json.dumps(item, ensure_ascii=False, default=str))
    elif fmt == "csv" and isinstance(data, list):
        print_csv(data)
    else:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_csv(rows: Sequence[Any]) -> None:
    """Rows as CSV: every key seen, in order; lists joined with "; ", objects as JSON."""
    import csv
    import io

    dicts = [r if isinstance(r, dict) else {"value": r} for r in rows]
    columns = list(dict.fromkeys(k for r in dicts for k in r))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for r in dicts:
        writer.writerow([_csv_cell(r.get(c)) for c in columns])
    click.echo(buffer.getvalue(), nl=False)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)) and all(not isinstance(v, (dict, list)) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def print_table(rows: Sequence[dict[str, Any]], columns: Iterable[str], *,
                title: str | None = None) -> None:
    """A rich table on a terminal; plain aligned text when piped (the title on stderr)."""
    cols = list(columns)
    if not sys.stdout.isatty():
        if title:
            click.echo(title, err=True)
        click.echo(plain_table(rows, cols))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, highlight=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*("" if r.get(c) is None else _cell(r.get(c)) for c in cols))
    Console(width=None if sys.stdout.isatty() else 200, soft_wrap=False).print(table)


def plain_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """Columns padded with spaces, one line per row, for ``| grep``, ``| awk`` and ``| column``.

    >>> print(plain_table([{"id": "ev-1", "where": "Spin Boldak"}], ["id", "where"]))
    id    where
    ev-1  Spin Boldak
    """
    grid = [list(columns)] + [[" ".join(("" if r.get(c) is None else _cell(r.get(c))).split())
                               for c in columns] for r in rows]
    widths = [max(len(line[i]) for line in grid) for i in range(len(columns))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True))
                     .rstrip() for line in grid)


def _cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def print_list(rows: Sequence[dict[str, Any]], columns: Sequence[str], *, as_json: bool,
               title: str, empty: str) -> None:
    """A listing as ``--format`` asks: JSON (lines, CSV), a table, or the line saying it is
    empty and how to fill it."""
    if wants_json(as_json):
        print_json(list(rows))
    elif not rows:
        click.echo(empty)
    else:
        print_table(rows, columns, title=title)
