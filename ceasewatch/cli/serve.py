"""``ceasewatch serve``: the web application (dashboard, event pages, JSON API).

    ceasewatch serve --db monitor.db --token "$(openssl rand -hex 16)"

Binds to 127.0.0.1 unless told otherwise; uploads need the token (``--token`` or
``$CEASEWATCH_TOKEN``); ``--private`` makes reading need it too.
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import db_option, resolve_db, user_errors

TOKEN_ENV = "CEASEWATCH_TOKEN"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar=TOKEN_ENV, default=None, show_envvar=True,
              help="Token required to upload reports (and to read, with --private).")
@click.option("--private", is_flag=True, default=False,
              help="Require the token for reading too.")
@db_option
@user_errors
def command(host: str, port: int, token: str | None, private: bool, db_path: str | None) -> None:
    """Serve the dashboard, pages and JSON API over the database."""
    try:
        import uvicorn

        from ceasewatch.web.app import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the web extra is not installed (pip install 'ceasewatch[web]'): {exc}") from exc
    from ceasewatch.store import default_db_path

    if private and not token:
        raise click.ClickException("--private needs a token (--token or $CEASEWATCH_TOKEN)")
    path = resolve_db(db_path) or str(default_db_path())
    app = create_app(path, token=token, public_read=not private, upload_process=True)
    click.echo(f"ceasewatch on http://{host}:{port}/ (database {path}; uploads "
               f"{'need the token' if token else 'disabled: no token'})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
