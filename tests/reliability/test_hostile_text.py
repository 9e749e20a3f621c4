"""Text from an imported overrides file is shown as text in the Prices page's
details label (issue 9, item 8): no markup, and only http(s) links."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

HOSTILE = "<img src=x onerror=alert(1)><b>bold</b><a href='file:///etc/passwd'>x</a>"


def row(url: str | None, title: str = HOSTILE, name: str = HOSTILE) -> SimpleNamespace:
    source = SimpleNamespace(
        url=url, title=title, official=False, checked=dt.date(2026, 1, 1), note=HOSTILE
    )
    field = SimpleNamespace(label="Output <i>1K</i>", value="25", unit="USD/M", source=source)
    return SimpleNamespace(
        entry=SimpleNamespace(name=name), field=field, overridden=True, shipped="<u>30</u>"
    )


def rendered(qapp, html: str):  # noqa: ANN001, ANN201
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(html)
    links, images = [], 0
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                links.append(fmt.anchorHref())
            images += fmt.isImageFormat()
            it += 1
        block = block.next()
    return doc.toPlainText(), links, images


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "  JaVaScRiPt:alert(1)",
        "http:no-host",
        None,
    ],
)
def test_only_http_links_are_links(qapp, url):
    from imgcost_gui.ui.catalog.catalog_editor import details_text

    text, links, images = rendered(qapp, details_text(row(url), read_only=False))
    assert links == [] and images == 0
    assert text.count(HOSTILE) == 3  # the model's name, the source's title and its note, as text
    assert "Output <i>1K</i>" in text and "<u>30</u>" in text


def test_a_crafted_url_cannot_leave_its_attribute(qapp):
    from imgcost_gui.ui.catalog.catalog_editor import details_text

    url = "https://example.com/x' onclick='alert(1)\"><img src=x>&amp;"
    text, links, images = rendered(qapp, details_text(row(url, title="Prices"), read_only=False))
    assert images == 0
    (link,) = set(links)
    assert link.startswith("https://example.com/x") and "'" not in link and '"' not in link
    assert "<" not in link and ">" not in link and " " not in link
    assert "Source: Prices (not official" in text


def test_an_https_link_stays_a_link(qapp):
    from imgcost_gui.ui.catalog.catalog_editor import details_text

    url = "https://openai.com/api/pricing/?a=1&b=2#image"
    _text, links, _images = rendered(qapp, details_text(row(url, title="Pricing"), read_only=False))
    assert set(links) == {url}
