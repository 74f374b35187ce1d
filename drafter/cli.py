"""The ``drafter`` command line. Swedish output; only the TUI command imports Textual.

Exit codes: 0 no errors, 1 an ärende has errors (``check``), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from drafter import __version__
from drafter.cli_check import PARALLEL_MIN_FILES, cmd_check, positive_int
from drafter.cli_check import print_error as _error
from drafter.errors import DrafterError
from drafter.startup import exit_process, pause_gc, resume_gc
from drafter.text import printable

COMMANDS = ("new", "check", "export", "mallar", "import", "utkast")

# argparse writes its own texts in English; these are the ones a user of drafter can see.
# The headings and the usage prefix come through the formatter, the error messages
# through ArgumentParser.error (both public methods, overridden below).
_HEADINGS = {"positional arguments": "argument", "options": "flaggor"}
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"^the following arguments are required: (.*)$", r"följande argument krävs: \1"),
    (r"^unrecognized arguments: (.*)$", r"okända argument: \1"),
    (r"^ambiguous option: (.*) could match (.*)$", r"flaggan \1 är tvetydig (\2)"),
    (r"^invalid choice: (.*) \(choose from (.*)\)$", r"ogiltigt val: \1 (välj bland \2)"),
    (r"^expected one argument$", "förväntade ett värde"),
    (r"^expected at least one argument$", "förväntade minst ett värde"),
    (r"^expected at most one argument$", "förväntade högst ett värde"),
    (r"^expected (\d+) arguments?$", r"förväntade \1 värden"),
    (r"^ignored explicit argument (.*)$", r"värdet \1 används inte"),
    (r"^invalid (\S+) value: (.*)$", r"ogiltigt värde: \2"),
    (r"^not allowed with argument (.*)$", r"kan inte användas tillsammans med \1"),
)
"""argparse's error messages and their Swedish; compiled only when an error is shown."""


def _swedish_error(message: str) -> str:
    prefix = ""
    if match := re.match(r"argument (\S+): ", message):  # "argument --format: …"
        prefix, message = f"{match.group(1)}: ", message[match.end() :]
    for source, swedish in _ERRORS:
        pattern = re.compile(source, re.DOTALL)
        if pattern.match(message):
            return prefix + pattern.sub(swedish, message)
    return prefix + message


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(
            usage, actions, groups, prefix="användning: " if prefix is None else prefix
        )

    def start_section(self, heading: str | None) -> None:
        super().start_section(_HEADINGS.get(heading or "", heading))


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Swedish: help, usage and errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {printable(_swedish_error(message))}\n")


def _add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version",
        action="version",
        version=f"drafter {__version__}",
        help="visa versionsnumret och avsluta",
    )


def _add_new(sub: Any) -> None:
    p_new = sub.add_parser("new", help="skapa ett nytt ärende från en mall")
    p_new.add_argument("file", metavar="FIL", help="ärendefilen som ska skapas (.toml)")
    p_new.add_argument("--mall", default=None, help="mallens namn eller sökväg")
    p_new.add_argument("--force", action="store_true", help="skriv över en befintlig fil")


def _add_check(sub: Any) -> None:
    p_check = sub.add_parser("check", help="granska ärenden och visa fel och varningar")
    p_check.add_argument("files", metavar="FIL", nargs="+", help="en eller flera ärendefiler")
    p_check.add_argument("--format", choices=("text", "json"), default="text", help="utdataformat")
    p_check.add_argument("--mall", default=None, help="granska mot den här mallen i stället")
    p_check.add_argument(
        "--processer",
        type=positive_int,
        default=None,
        metavar="N",
        help=(
            "granska med N processer samtidigt (standard: en per processorkärna när "
            f"filerna är minst {PARALLEL_MIN_FILES}; 1 = en fil i taget)"
        ),
    )
    p_check.add_argument(
        "--utan-stavning",
        action="store_true",
        help="granska utan stavningskontrollen (STAV-1); ordlistan laddas då inte",
    )


def _add_export(sub: Any) -> None:
    p_export = sub.add_parser(
        "export", help="exportera ett ärende som Markdown, Word (docx) eller PDF/A (pdf)"
    )
    p_export.add_argument("file", metavar="FIL", help="ärendefilen (.toml)")
    p_export.add_argument(
        "--format",
        choices=("md", "docx", "pdf"),
        default=None,
        help="md (standard), docx eller pdf (PDF/A-2b); annars efter filändelsen på UT",
    )
    p_export.add_argument(
        "-o",
        "--output",
        metavar="UT",
        default=None,
        help="filen att skriva (standard: FIL med .md, .docx eller .pdf; ”-” för standard ut)",
    )
    p_export.add_argument("--mall", default=None, help="mallens namn eller sökväg")


def _add_mallar(sub: Any) -> None:
    sub.add_parser("mallar", help="lista tillgängliga mallar och var de finns")


def _add_utkast(sub: Any) -> None:
    sub.add_parser("utkast", help="lista osparade ändringar som kan återställas")


def _add_import(sub: Any) -> None:
    p_import = sub.add_parser(
        "import", help="importera en tjänsteskrivelse från Word, PDF, text eller Markdown"
    )
    p_import.add_argument(
        "input", metavar="IN", help="Word (.docx), PDF, textfil (.txt) eller Markdown (.md)"
    )
    p_import.add_argument(
        "-o", "--output", metavar="UT", default=None, help="ärendefilen att skriva"
    )
    p_import.add_argument("--mall", default=None, help="mallens namn eller sökväg")
    p_import.add_argument("--force", action="store_true", help="skriv över en befintlig fil")


def _build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``command`` of that command only: parsing a
    command's arguments needs no other command's parser (each costs about 1 ms to build),
    and its usage lines, help and errors are the same either way."""
    parser = _Parser(
        prog="drafter",
        description=(
            "Skrivstöd för tjänsteskrivelser. Utan kommando öppnas ärendet FIL i "
            "skrivprogrammet (terminalgränssnittet)."
        ),
        epilog="Kör ”drafter KOMMANDO --help” för hjälp om ett kommando.",
    )
    _add_version(parser)
    sub = parser.add_subparsers(
        dest="command", metavar="KOMMANDO", parser_class=_Parser, title="kommandon"
    )

    for name, add in _COMMAND_PARSERS.items():  # in the order the help lists them
        if command in (None, name):
            add(sub)
    return parser


_COMMAND_PARSERS: dict[str, Callable[[Any], None]] = {
    "new": _add_new,
    "check": _add_check,
    "export": _add_export,
    "mallar": _add_mallar,
    "utkast": _add_utkast,
    "import": _add_import,
}


def _build_tui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="drafter",
        description=(
            "Skrivstöd för tjänsteskrivelser. Öppnar ärendet FIL (eller ett nytt ärende) i "
            "skrivprogrammet. Kommandon: " + ", ".join(COMMANDS) + " (se drafter KOMMANDO --help)."
        ),
    )
    _add_version(parser)
    parser.add_argument(
        "file",
        metavar="FIL",
        nargs="?",
        help="ärendefil (.toml), eller ett dokument att importera (.docx, .pdf, .txt, .md)",
    )
    parser.add_argument("--mall", default=None, help="mall för ett nytt ärende (namn eller sökväg)")
    parser.add_argument(
        "--utan-stavning",
        action="store_true",
        help="stavningskontrollen (STAV-1) av: ordlistan läses inte in",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``drafter`` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in COMMANDS or args_list[0] == "check":
        pause_gc()  # start-up of `check` and the TUI: see drafter.startup
    try:
        if args_list and args_list[0] in COMMANDS:
            args = _build_parser(args_list[0]).parse_args(args_list)
            handler = {
                "new": cmd_new,
                "check": cmd_check,
                "export": cmd_export,
                "mallar": cmd_mallar,
                "import": cmd_import,
                "utkast": cmd_utkast,
            }[args.command]
            return handler(args)
        if args_list and args_list[0] in ("-h", "--help"):
            _build_parser().print_help()
            return 0
        args = _build_tui_parser().parse_args(args_list)
        return cmd_tui(args)
    except DrafterError as exc:
        _error(exc.message)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (``drafter check … | head``): stop quietly, no traceback
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 2
    finally:
        resume_gc()


def _out(text: str) -> None:
    """Print a line that may hold text from a file or a file name."""
    print(printable(text))


# --------------------------------------------------------------------------- new


def cmd_new(args: argparse.Namespace) -> int:
    from drafter.paths import stored_template_path
    from drafter.storage import new_arende, save_arende
    from drafter.templates import DEFAULT_TEMPLATE, find_template

    path = Path(args.file)
    if path.exists() and not args.force:
        _error(f"{path}: filen finns redan. Välj ett annat namn eller använd --force.")
        return 2
    loaded = find_template(args.mall or DEFAULT_TEMPLATE, near=path)
    arende = new_arende(loaded.template)
    if loaded.origin == "fil":
        arende.template_ref = stored_template_path(loaded.path, path)
    save_arende(path, arende, loaded.template)
    _out(f"Skapade {path} från mallen ”{loaded.template.name}”.")
    _out(f"Öppna den med: drafter {path}")
    return 0


# --------------------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    from drafter.publish import export, resolve_format
    from drafter.render import render_markdown
    from drafter.storage import load_arende

    path = Path(args.file)
    fmt = resolve_format(args.format, args.output)
    loaded = load_arende(path, args.mall)
    if args.output == "-":
        if fmt != "md":
            _error(f"{fmt} kan inte skrivas till standard ut; ange en fil med -o")
            return 2
        sys.stdout.write(render_markdown(loaded.arende, loaded.template.template))
        return 0
    out = Path(args.output) if args.output else path.with_suffix(f".{fmt}")
    result = export(loaded.arende, loaded.template, fmt, out, source=path)  # never over `path`
    for warning in result.warnings:
        print(f"drafter: varning: {printable(warning)}", file=sys.stderr)
    _out(f"Exporterade {path} till {out}.")
    return 0


# --------------------------------------------------------------------------- mallar


def cmd_mallar(args: argparse.Namespace) -> int:
    from drafter.templates import available_templates, template_dirs

    found = available_templates()
    for item in found:
        if isinstance(item, DrafterError):
            _out(f"  (trasig) {item.message}")
            continue
        t = item.template
        _out(f"  {t.name:<24} {t.description}")
        _out(f"  {'':<24} {item.origin}: {item.path}")
    _out("Mallar söks i: " + ", ".join(str(d) for d, _ in template_dirs()))
    return 0


# --------------------------------------------------------------------------- import


def cmd_import(args: argparse.Namespace) -> int:
    """``drafter import IN [-o UT] [--mall NAMN] [--force]``: the importer returns the ärende
    and its report; this writes the file (or stdout) and prints."""
    from drafter.importer import prepare_import
    from drafter.storage import atomic_write_text

    job = prepare_import(args.input, getattr(args, "output", None), args.mall)
    if job.output is None:
        sys.stdout.write(job.text)  # the TOML writer escapes every control character
        print(printable(job.result.report), file=sys.stderr)
        return 0
    out = job.output
    if out.is_dir():
        raise DrafterError("är en mapp; ange ärendefilen (.toml) att skriva med -o", out)
    if out.exists() and not args.force:
        raise DrafterError(
            "filen finns redan och skrevs inte över. Välj ett annat namn med -o eller "
            "använd --force för att skriva över den.",
            out,
        )
    atomic_write_text(out, job.text)
    _out(job.result.report)
    _out(f"Sparade ärendet i {out}. Granska det med: drafter check {out}")
    return 0


# --------------------------------------------------------------------------- tui


def print_drafts(always: bool = False) -> int:
    """Print the recoverable drafts (Swedish); with ``always`` also when there are none.

    Returns the number of drafts listed.
    """
    from drafter.recovery import list_drafts

    drafts = list_drafts()
    if not drafts:
        if always:
            print("Inga osparade ändringar att återställa.")
        return 0
    print("Osparade ändringar som kan återställas:")
    for draft in drafts:
        when = f"{draft.saved_at:%Y-%m-%d %H:%M}"
        if draft.target is not None:
            _out(f"  {draft.target}  (sparat {when})")
        else:
            print(f"  nytt ärende som inte sparats  (sparat {when})")
            _out(f"    kopiera det till en fil: cp {draft.path} NY.toml")
    print("Återställ genom att öppna filen: drafter FIL")
    return len(drafts)


def cmd_utkast(args: argparse.Namespace) -> int:
    print_drafts(always=True)
    return 0


def cmd_tui(args: argparse.Namespace) -> int:
    if args.file is None and args.mall is None:
        print_drafts()
    from drafter.tui import run_tui  # Textual is loaded only here, and only for the TUI

    path = Path(args.file) if args.file else None
    return int(run_tui(path, args.mall, spelling=not args.utan_stavning))


def run() -> NoReturn:
    """The ``drafter`` console script and ``python -m drafter``: :func:`main`, then exit."""
    exit_process(main())


if __name__ == "__main__":  # pragma: no cover
    run()
