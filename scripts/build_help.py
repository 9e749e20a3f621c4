"""Build the in-app user guide from the README, so the README stays its one source.

    python scripts/build_help.py           write resources/help/guide.md
    python scripts/build_help.py --check   exit 1 if the shipped guide is out of step

The guide holds the README's sections a user of the app reads (what it does,
the command line, calibration, files), not those for whoever builds or works
on ImgCost. Screenshots are left out (the guide ships without them), and the
commands read ``imgcost`` rather than ``.venv/bin/imgcost``: a user of the
installed app has the command next to it. ``tests/ui/test_help.py`` runs the
check.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GUIDE = ROOT / "resources" / "help" / "guide.md"

#: The README's ``##`` sections the guide holds, in the README's order (each with its ``###``s).
USER_SECTIONS = (
    "What it does",
    "Using the app",
    "The command line",
    "Calibrate with your own usage",
    "Files",
)
TITLE = "# ImgCost user guide"
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def sections(readme: str) -> dict[str, list[str]]:
    """The README's ``##`` sections by title, each its lines (heading included).

    A ``##`` inside a fenced code block is not a heading.
    """
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    in_code = False
    for line in readme.splitlines():
        if _FENCE.match(line):
            in_code = not in_code
        if not in_code and line.startswith("## "):
            current = out.setdefault(line[3:].strip(), [])
        elif not in_code and line.startswith("# "):
            current = None  # the title and what comes before the first section
            continue
        if current is not None:
            current.append(line)
    return out


def guide(readme: str) -> str:
    """The guide's Markdown from the README's text."""
    found = sections(readme)
    missing = [title for title in USER_SECTIONS if title not in found]
    if missing:
        raise SystemExit(f"build_help: the README has no section {', '.join(missing)}")
    lines = [TITLE, ""]
    for title in USER_SECTIONS:
        body = [line for line in found[title] if not _IMAGE.match(line)]
        lines.extend(line.replace(".venv/bin/imgcost", "imgcost") for line in body)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)  # where a screenshot was
    return text.strip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = guide(README.read_text(encoding="utf-8"))
    if args.check:
        shipped = GUIDE.read_text(encoding="utf-8") if GUIDE.exists() else ""
        if shipped != text:
            print(
                f"{GUIDE.relative_to(ROOT)} is out of step with README.md: "
                "run python scripts/build_help.py",
                file=sys.stderr,
            )
            return 1
        return 0
    GUIDE.parent.mkdir(parents=True, exist_ok=True)
    GUIDE.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {GUIDE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
