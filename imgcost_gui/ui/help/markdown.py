"""Small pieces of Markdown the help's generated pages share."""

from __future__ import annotations

import re

#: Characters that would start markup inside a table cell or a line of text.
_MARKUP = re.compile(r"([\\`*_\[\]|<>#])")


def cell(text: str) -> str:
    """``text`` as plain words inside Markdown (a table cell, a list item)."""
    return _MARKUP.sub(r"\\\1", text)


def link(text: str, url: str | None) -> str:
    """A link when ``url`` is a web address (http or https), else the plain text."""
    if url and re.match(r"^https?://[^\s()<>]+$", url):
        return f"[{cell(text)}]({url})"
    return cell(text)
