"""The `tracker` command group: turns a user's mistake into a message and exit status 2, an
unusable store into status 4, a bug of ours into status 3, and a reader that went away into
status 141, quietly."""

from __future__ import annotations

import os
import sys
import traceback
from typing import TYPE_CHECKING, Any, cast

import click

from tracker.cli.options import EXIT_INTERNAL, EXIT_INVALID, EXIT_READER_GONE, EXIT_STORE, STORE_KEY

if TYPE_CHECKING:
    from tracker.scenario.problems import InvalidInput


def invalid_input(error: Exception) -> InvalidInput | None:
    """`error`, if it is the scenario loader's `InvalidInput`. Only a command that loaded input
    can raise one, and it imported the module that defines it: the others never import it (nor
    YAML, nor the scenario models)."""
    problems = sys.modules.get("tracker.scenario.problems")
    if problems is not None and isinstance(error, problems.InvalidInput):
        return cast("InvalidInput", error)
    return None


class TrackerGroup(click.Group):
    """Turns a user's mistake into a message and exit status 2, and a bug into status 3."""

    def invoke(self, ctx: click.Context) -> Any:
        from tracker.store.location import StoreUnavailable

        def store_problem(problem: StoreUnavailable) -> None:
            if os.environ.get("TRACKER_DEBUG") and problem.__context__ is not None:
                traceback.print_exception(problem.__context__)  # the store's own error
            click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_STORE)

        try:
            return super().invoke(ctx)
        except StoreUnavailable as error:
            store_problem(error)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`tracker claims | head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_READER_GONE)
        except Exception as error:  # a user's invalid input, or a bug of ours: say so plainly
            invalid = invalid_input(error)
            if invalid is not None:
                for problem in invalid.problems:
                    click.echo(f"error: {problem}", err=True)
                click.echo("nothing was recorded", err=True)
                sys.exit(EXIT_INVALID)
            if os.environ.get("TRACKER_DEBUG"):
                raise
            opened = ctx.meta.get(STORE_KEY)
            if opened is not None:  # a store was opened: was the error the store's?
                from tracker.store.guard import explain

                unusable = explain(error, opened)
                if unusable is not None:
                    store_problem(unusable)
            click.echo(f"internal error: {type(error).__name__}: {error}", err=True)
            click.echo("set TRACKER_DEBUG=1 to see the traceback", err=True)
            sys.exit(EXIT_INTERNAL)
