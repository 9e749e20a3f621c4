"""The help's licence page: ImgCost's own standing, and the components it ships
with their licences as their installed package metadata states them.

Qt-free (Qt's own version is passed in). The frozen bundle carries the same
metadata: ``packaging/imgcost.spec`` copies it for ``RUNTIME_PACKAGES`` and what
they depend on.
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata

from .markdown import cell, link

#: The app's own dependencies (``[project] dependencies`` in pyproject.toml); what
#: they need in turn is found from their metadata.
RUNTIME_PACKAGES = ("PySide6-Essentials", "pydantic", "matplotlib", "platformdirs")

COPYRIGHT = "Copyright 2026 the ImgCost authors."
NO_LICENCE = (
    "No open-source licence has been chosen for ImgCost yet: ImgCost itself is not "
    "offered under one."
)
#: Short names for the licence classifiers packages use instead of an SPDX expression.
_CLASSIFIER_NAMES = {
    "BSD License": "BSD",
    "MIT License": "MIT",
    "Apache Software License": "Apache-2.0",
    "Python Software Foundation License": "PSF-based",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0",
}


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str
    home: str | None


def _requirement_name(requirement: str) -> str | None:
    """The distribution a requirement names, or None for an optional (extra) one."""
    if "extra ==" in requirement or "extra==" in requirement:
        return None
    match = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1) if match else None


def _field(meta: metadata.PackageMetadata, key: str) -> str:
    """A metadata field's first value ('' when absent)."""
    values = meta.get_all(key) or []
    return str(values[0]) if values else ""


def licence_of(meta: metadata.PackageMetadata) -> str:
    """The licence a package's metadata states, in a few words."""
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    text = _field(meta, "License").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = [
        c.rsplit("::", 1)[1].strip()
        for c in meta.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    if classifiers:
        return ", ".join(_CLASSIFIER_NAMES.get(c, c) for c in classifiers)
    return "see the licence file it ships"


def _home(meta: metadata.PackageMetadata) -> str | None:
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in {"homepage", "home", "source", "source code", "repository"}:
            return url.strip()
    return _field(meta, "Home-page") or None


def components(roots: tuple[str, ...] = RUNTIME_PACKAGES) -> list[Component]:
    """``roots`` and everything they need, as installed, by name (missing ones left out)."""
    found: dict[str, Component] = {}
    queue = list(roots)
    while queue:
        name = queue.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta = dist.metadata
        found[key] = Component(meta["Name"], dist.version, licence_of(meta), _home(meta))
        queue += [n for r in dist.requires or [] if (n := _requirement_name(r))]
    return sorted(found.values(), key=lambda c: c.name.lower())


def licence_markdown(app_version: str, qt_version: str) -> str:
    """The page: ImgCost's copyright, then Qt, Python and every package it ships."""
    lines = [
        "# Licence",
        "",
        f"**ImgCost {cell(app_version)}.** {COPYRIGHT}",
        "",
        f"**{NO_LICENCE}**",
        "",
        "## Components",
        "",
        "ImgCost is built on these components, each under its own licence:",
        "",
        f"- **Qt {cell(qt_version)}**, used through PySide6 under the GNU Lesser General "
        "Public License v3 (LGPL-3.0). Qt's source code: "
        "[download.qt.io](https://download.qt.io/official_releases/qt/); PySide6's: "
        "[code.qt.io](https://code.qt.io/cgit/pyside/pyside-setup.git/). The Qt libraries "
        "are separate files in the app's folder and may be replaced with your own build.",
        f"- **Python {cell(platform.python_version())}**, under the Python Software "
        "Foundation License ([python.org](https://docs.python.org/3/license.html)).",
        "",
        "| Component | Version | Licence |",
        "|---|---|---|",
    ]
    for c in components():
        lines.append(f"| {link(c.name, c.home)} | {cell(c.version)} | {cell(c.licence)} |")
    return "\n".join(lines) + "\n"
