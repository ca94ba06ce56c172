"""``ceasewatch watch``: poll the watched sources and ingest new reports, until stopped.

    ceasewatch sources add https://www.dawn.com/feeds/home --name dawn --every 15m
    ceasewatch alerts add violation --webhook https://hooks.example.org/ceasewatch
    ceasewatch watch                       # runs until SIGTERM / Ctrl-C
    ceasewatch watch --once                # each due source once, then exit (cron)

One JSON line per fetch on standard output (source, status, HTTP status, milliseconds, items
new/known/skipped, the error, failures in a row, the next poll), one per alert delivery.
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import db_option, open_cli_store, user_errors


@click.command("watch")
@click.option("--once", is_flag=True, default=False,
              help="Poll each source that is due once, deliver alerts, and exit.")
@click.option("--max-polls", type=click.IntRange(min=1), default=None,
              help="Exit after this many polls in all.")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=20.0, show_default=True,
              help="Seconds to wait for a server's answer.")
@click.option("--public-url", default=None,
              help="The web app's address, for absolute links in webhook alerts "
                   "(e.g. http://monitor.example.org).")
@db_option
@user_errors
def command(once: bool, max_polls: int | None, timeout: float, public_url: str | None,
            db_path: str | None) -> None:
    """Poll due sources, ingest new reports end to end, deliver alerts; stop on SIGTERM."""
    import signal
    import threading

    from ceasewatch import api

    stop = threading.Event()

    def request_stop(_signum: int, _frame: object) -> None:
        stop.set()

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        with open_cli_store(db_path) as store:
            api.watch(store, once=once, max_polls=max_polls, stop=stop, timeout=timeout,
                      base_url=public_url)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
