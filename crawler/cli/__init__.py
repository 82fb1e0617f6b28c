"""The ``kommunvakt`` command line.

Each module in this package contributes its commands through a module-level
``commands`` list; ``COMMANDS`` says which module holds which command.
Exit codes (the contract): 0 done, 1 the run itself broke, 2 bad usage or
bad input, 3 another run holds the lock.
"""

from __future__ import annotations

import importlib
import sys

import click

from crawler.cli.common import EXIT_BAD_INPUT, EXIT_BROKE, CliError
from crawler.config import ConfigError
from crawler.registry import SitesFileError

#: Command name -> the module of crawler.cli that defines it (in its ``commands`` list). Modules are
#: imported only when their command runs, so `kommunvakt crawl` does not pay for the report's or the
#: scheduler's libraries (start-up time and memory count in the nightly crawl).
COMMANDS: dict[str, str] = {
    "crawl": "crawl",
    "changes": "changes",
    "report": "report",
    "sites": "inspect",
    "history": "inspect",
    "show": "inspect",
    "diff": "inspect",
    "discover": "discover",
    "reprocess": "reprocess",
    "runs": "status",
    "status": "status",
    "schedule": "schedule",
    "demo": "demo",
    "db": "backup",  # the `db` group, with `backup` added by that module
    "web": "web",
    "users": "users",  # the web app and its accounts
}


class LazyGroup(click.Group):
    """A click group that imports a command's module when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMANDS.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"{__name__}.{module_name}")
        return next((c for c in getattr(module, "commands", []) if c.name == cmd_name), None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="kommunvakt")
def cli() -> None:
    """kommunvakt: watch Swedish municipalities' pages about international work and report what changed."""


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one clear error line and the contract's exit code for every failure."""
    try:
        cli.main(args=argv, prog_name="kommunvakt", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("kommunvakt: aborted", err=True)
        return EXIT_BROKE
    except click.exceptions.NoArgsIsHelpError as exc:  # `kommunvakt` or `kommunvakt users` alone: the help
        click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
        return 0
    except click.UsageError as exc:  # one line, like every other bad input (not click's usage block)
        command = exc.ctx.command_path if exc.ctx else "kommunvakt"
        message = " ".join(exc.format_message().split())  # a choice's list comes on several lines
        click.echo(f"{command}: {message} (see '{command} --help')", err=True)
        return EXIT_BAD_INPUT
    except (SitesFileError, ConfigError) as exc:
        click.echo(f"kommunvakt: {exc}", err=True)
        return EXIT_BAD_INPUT
    except CliError as exc:
        click.echo(f"kommunvakt: {exc}", err=True)
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
