"""The ``ceasewatch`` command group.

Each module of this package that defines ``command`` (a click command) is a subcommand;
modules import their heavy dependencies inside the command, so ``ceasewatch --help`` starts fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

_NOT_COMMANDS = {"main", "options"}


class LazyGroup(click.Group):
    """Discovers the command modules of ``ceasewatch.cli`` once, in name order."""

    _loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        import ceasewatch.cli as pkg

        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
            if info.name in _NOT_COMMANDS or info.name.startswith("_"):
                continue
            module = importlib.import_module(f"ceasewatch.cli.{info.name}")
            for cmd in getattr(module, "commands", [getattr(module, "command", None)]):
                if isinstance(cmd, click.Command):
                    # a module's lone `command` is named after the module unless it says otherwise
                    name = info.name if cmd.name in (None, "command") else cmd.name
                    self.add_command(cmd, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load()
        return super().get_command(ctx, cmd_name)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from ceasewatch import __version__  # looked up only when asked for

    click.echo(f"ceasewatch, version {__version__}")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the version and exit.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="SQLite file or postgresql://user@host:port/db (default: $CEASEWATCH_DB or the "
                   "user data directory).")
@click.option("--json", "as_json", is_flag=True, default=False, help="Print JSON for scripting.")
@click.pass_context
def cli(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Monitor ceasefires and armed conflict from open sources."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["json"] = as_json


def main() -> None:
    cli(prog_name="ceasewatch")


if __name__ == "__main__":
    main()
