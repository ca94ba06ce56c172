"""``ceasewatch serve``: the web application (dashboard, event pages, JSON API).

    ceasewatch serve --db monitor.db --token "$(openssl rand -hex 16)"

Binds to 127.0.0.1 unless told otherwise; uploads need the token (``--token`` or
``$CEASEWATCH_TOKEN``); ``--private`` makes reading need it too.
"""

from __future__ import annotations

import signal
import threading

import click

from ceasewatch.cli.options import db_option, db_target, open_cli_store, user_errors

TOKEN_ENV = "CEASEWATCH_TOKEN"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar=TOKEN_ENV, default=None, show_envvar=True,
              help="Token required to upload reports (and to read, with --private).")
@click.option("--private", is_flag=True, default=False,
              help="Require the token for reading too.")
@click.option("--watch", "watch_sources", is_flag=True, default=False,
              help="Also poll the watched sources (`ceasewatch watch`) beside the app.")
@click.option("--verified-only", is_flag=True, default=False,
              help="Publish only what analysts verified: readers and anonymous visitors see "
                   "verified events, claims and alleged violations; analysts see everything.")
@db_option
@user_errors
def command(host: str, port: int, token: str | None, private: bool, watch_sources: bool,
            verified_only: bool,
            db_path: str | None) -> None:
    """Serve the dashboard, pages and JSON API over the database."""
    try:
        import uvicorn

        from ceasewatch.web.app import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the web extra is not installed (pip install 'ceasewatch[web]'): {exc}") from exc

    if private and not token:
        raise click.ClickException("--private needs a token (--token or $CEASEWATCH_TOKEN)")
    path = db_target(db_path)
    open_cli_store(path).close()  # a mistyped --db or an unreachable server fails here
    app = create_app(path, token=token, public_read=not private, verified_only=verified_only,
                     upload_process=True)
    click.echo(f"ceasewatch on http://{host}:{port}/ (database {path}; uploads "
               f"{'need the token' if token else 'disabled: no token'})")
    if not watch_sources:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    stop, watcher = _start_watcher(path, f"http://{host}:{port}")
    # uvicorn shuts down on SIGTERM / Ctrl-C, then raises the signal again for the handler
    # that was there before it: this one, so the watcher's poll in progress finishes, is
    # committed, and the command exits 0 instead of being killed by the default handler
    previous = {s: signal.signal(s, lambda *_: stop.set())
                for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        stop.set()
        watcher.join(timeout=60)
        for s, handler in previous.items():
            signal.signal(s, handler)


def _start_watcher(path: str, base_url: str) -> tuple[threading.Event, threading.Thread]:
    """``watch`` in a thread beside the app, on its own connection to the same store."""
    from ceasewatch import api
    from ceasewatch.store import open_store

    stop = threading.Event()

    def run() -> None:
        with open_store(path) as store:
            api.watch(store, stop=stop, base_url=base_url)

    thread = threading.Thread(target=run, name="cw-watch", daemon=True)
    thread.start()
    return stop, thread
