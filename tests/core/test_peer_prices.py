"""The shipped catalog against the peers' price data (genai-prices, LiteLLM).

Every token rate, batch discount and per-image price both sides give must
agree, allowing for published rounding, or the catalog must say why it
differs: the entry's note (or the note of the price's source, its batch terms
or its lifecycle) names the peer or gives the peer's figure. Run with ``-s``
to see the counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from imgcost_gui.core.catalog import ModelEntry, PriceCatalog
from imgcost_gui.core.overrides import load_shipped_catalog
from imgcost_gui.core.peers import (
    Comparison,
    PeerData,
    compare,
    installed_genai_prices,
    installed_litellm_file,
    read_price_file,
)

DAY = dt.date(2026, 12, 1)
CHECKED = ("token", "batch", "image", "input_image")
PEER_NAMES = {"genai-prices": ("genai-prices", "genai_prices"), "litellm": ("LiteLLM",)}


@pytest.fixture(scope="module")
def catalog() -> PriceCatalog:
    return load_shipped_catalog()


@pytest.fixture(scope="module")
def genai() -> PeerData:
    data = installed_genai_prices()
    if data is None:
        pytest.skip("genai-prices is not installed (pip install genai-prices==0.2.3)")
    return data


@pytest.fixture(scope="module")
def litellm() -> PeerData:
    path = installed_litellm_file()
    if path is None:
        pytest.skip("litellm is not installed, so its price file is missing")
    return read_price_file(path)


def notes(catalog: PriceCatalog, entry: ModelEntry) -> list[str]:
    """Every note that could explain a difference for ``entry``."""
    found = [entry.note, catalog.lifecycle_of(entry).note]
    if entry.batch and entry.batch.source:
        found.append(entry.batch.source.note)
    p = entry.pricing
    for part in (
        p,
        getattr(p, "rates", None),
        getattr(p, "output", None),
        getattr(p, "input_images", None),
    ):
        source = getattr(part, "source", None)
        if source is not None:
            found.append(source.note)
    thinking = getattr(p, "thinking_source", None)
    if thinking is not None:
        found.append(thinking.note)
    found += [c.note for c in entry.price_changes] + [c.source.note for c in entry.price_changes]
    return [n for n in found if n]


def figures(value: object) -> list[str]:
    """How a note may write the peer's figure."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        out = [text, f"${text}"]
        if value <= 1:
            out.append(f"{format((value * 100).normalize(), 'f')}%")
        return out
    return [str(value)]


def explained(catalog: PriceCatalog, peer: PeerData, c: Comparison) -> bool:
    said = " ".join(notes(catalog, catalog.get(c.model_id)))
    names = PEER_NAMES.get(peer.kind, ())
    return any(n.lower() in said.lower() for n in names) or any(
        f in said for f in figures(c.theirs)
    )


def checked(catalog: PriceCatalog, peer: PeerData) -> list[Comparison]:
    return [
        c for c in compare(catalog, peer, DAY).comparisons if c.comparable and c.kind in CHECKED
    ]


def test_peers_agree_with_the_catalog_or_the_catalog_says_why(catalog, genai, litellm):
    agreeing: dict[tuple[str, str, str], bool] = {}
    explained_rows: list[str] = []
    unexplained: list[str] = []
    for peer in (genai, litellm):
        for c in checked(catalog, peer):
            point = (c.model_id, c.kind, c.key)
            if c.agrees:
                agreeing.setdefault(point, True)
                continue
            agreeing[point] = False
            row = (
                f"{c.model_id} {c.key}: ours {c.ours}, {peer.title} {peer.version} says "
                f"{c.theirs} ({c.peer_model})"
            )
            (explained_rows if explained(catalog, peer, c) else unexplained).append(row)
    counts = Counter(kind for (_, kind, _), ok in agreeing.items() if ok)
    print(
        f"\nagreeing points: {sum(counts.values())} "
        f"({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))})"
    )
    print(f"explained disagreements: {len(explained_rows)}")
    for row in explained_rows:
        print(f"  explained: {row}")
    for row in unexplained:
        print(f"  UNEXPLAINED: {row}")
    assert not unexplained, "peers disagree and no note says why:\n" + "\n".join(unexplained)


def test_a_wrong_price_would_fail_the_cross_check(catalog, genai):
    """The check can fail: gpt-image-2 at $31/M output is caught and unexplained."""
    wrong = catalog.model_copy(deep=True)
    entry = wrong.get("gpt-image-2")
    rates = entry.pricing.rates.model_copy(update={"image_out": Decimal("31")})
    pricing = entry.pricing.model_copy(update={"rates": rates})
    models = [
        m if m.id != entry.id else m.model_copy(update={"pricing": pricing}) for m in wrong.models
    ]
    wrong = PriceCatalog(checked=wrong.checked, models=models)
    bad = [c for c in checked(wrong, genai) if not c.agrees and c.model_id == "gpt-image-2"]
    assert [(c.key, c.theirs) for c in bad] == [("image_out", Decimal("30"))]
    assert not explained(wrong, genai, bad[0])


def test_lifecycle_differences_are_listed(catalog, genai, litellm):
    """Shutdown dates are reported, not failed on: peers lag the vendors' notices."""
    for peer in (genai, litellm):
        for c in compare(catalog, peer, DAY).comparisons:
            if c.kind == "lifecycle" and c.comparable and not c.agrees:
                print(
                    f"\n  lifecycle: {c.model_id} {c.key}: ours {c.ours}, {peer.title} says "
                    f"{c.theirs} ({c.peer_model})",
                    end="",
                )


def test_the_mapping_finds_the_overlap(catalog, genai, litellm):
    """A mapping that silently matched nothing would pass the test above."""
    kinds: Counter[str] = Counter()
    for peer in (genai, litellm):
        kinds.update(c.kind for c in checked(catalog, peer))
    assert kinds["token"] >= 30
    assert kinds["batch"] >= 5
    assert kinds["image"] >= 40


def test_gpt_image_2_token_rates_are_the_same_in_both_peers(catalog, genai, litellm):
    for peer in (genai, litellm):
        rows = {c.key: c for c in checked(catalog, peer) if c.model_id == "gpt-image-2"}
        assert {k: rows[k].theirs for k in ("text_in", "image_out")} == {
            "text_in": Decimal("5"),
            "image_out": Decimal("30"),
        }
        assert rows["image_out"].agrees
