"""The ``kommunvakt`` command line.

Each module in this package contributes its commands through a module-level
``commands`` list, so a new command is a new file and nothing else.
Exit codes (the contract): 0 done, 1 the run itself broke, 2 bad usage or
bad input, 3 another run holds the lock.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from crawler.cli.common import EXIT_BAD_INPUT, EXIT_BROKE, CliError
from crawler.config import ConfigError
from crawler.registry import SitesFileError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="kommunvakt")
def cli() -> None:
    """kommunvakt: watch Swedish municipalities' pages about international work and report what changed."""


def _register_commands() -> None:
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_") or module_info.name == "common":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for command in getattr(module, "commands", []):
            cli.add_command(command)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one clear error line and the contract's exit code for every failure."""
    try:
        cli.main(args=argv, prog_name="kommunvakt", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.Abort:
        click.echo("kommunvakt: aborted", err=True)
        return EXIT_BROKE
    except click.UsageError as exc:
        exc.show()
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
