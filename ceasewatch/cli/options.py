"""Shared CLI options and output, so every command feels like one tool (sqlite-utils style).

Every read command takes ``--db`` and ``--json``; both can also be given before the command
(``ceasewatch --db x.db events``). Errors are translated here, at the edge: a
``CeasewatchError`` becomes one line on stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

from ceasewatch.errors import CeasewatchError

F = TypeVar("F", bound=Callable[..., Any])


def db_option(fn: F) -> F:
    """``--db PATH`` on a command, falling back to the group's ``--db`` and ``$CEASEWATCH_DB``."""
    return click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
                        help="SQLite database file (default: $CEASEWATCH_DB or the user data "
                             "directory).")(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, default=False,
                        help="Print JSON for scripting.")(fn)


def output_options(fn: F) -> F:
    return db_option(json_option(fn))


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
    if as_json:
        return True
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("json"):
            return True
        ctx = ctx.parent
    return False


def open_cli_store(db_path: str | None) -> Any:
    from ceasewatch.store import open_store

    return open_store(resolve_db(db_path))


def user_errors(fn: F) -> F:
    """Turn user-caused errors into one line and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CeasewatchError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:  # `ceasewatch docs | head`
            sys.stderr.close()
            raise SystemExit(0) from None

    return wrapper  # type: ignore[return-value]


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(rows: Sequence[dict[str, Any]], columns: Iterable[str], *,
                title: str | None = None) -> None:
    """A rich table on a terminal; plain aligned text when piped."""
    from rich.console import Console
    from rich.table import Table

    cols = list(columns)
    table = Table(title=title, show_lines=False, highlight=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*("" if r.get(c) is None else _cell(r.get(c)) for c in cols))
    Console(width=None if sys.stdout.isatty() else 200, soft_wrap=False).print(table)


def _cell(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)
