"""Which peer file a user chose, read into ``PeerData``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..catalog import PriceCatalog
from ..prices import TOKEN_KEYS, price_fields
from ..storage import FileProblem, describe_validation
from .genai import looks_like_genai, read_genai
from .jsonfile import load_json
from .litellm import looks_like_litellm, read_litellm
from .points import PeerData, PeerModel, PeerPoint

WRONG_SHAPE = (
    "not a price file ImgCost can read; choose LiteLLM's model_prices_and_context_window.json, "
    "genai-prices' data.json or an ImgCost catalog."
)


def _looks_like_catalog(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("models"), list) and "checked" in data


def catalog_peer(catalog: PriceCatalog, path: Path | None = None) -> PeerData:
    """An ImgCost catalog (a team's own) as peer points, with its entries whole."""
    points: list[PeerPoint] = []
    models: list[PeerModel] = []
    for e in catalog.models:
        host, _, model = e.id.rpartition("/")
        host_id = host or None

        def add(kind: Any, key: str, value: Any, **kw: Any) -> None:
            points.append(PeerPoint(e.id, model, host_id, kind, key, value, **kw))  # noqa: B023

        models.append(
            PeerModel(
                e.id, model, host_id, name=e.name, vendor=e.vendor, provider=e.provider, entry=e
            )
        )
        for f in price_fields(e):
            add("token" if f.path in TOKEN_KEYS else "image", f.path, f.value)
        for change in e.price_changes:
            for key, value in change.prices.items():
                add(
                    "token" if key in TOKEN_KEYS else "image",
                    key,
                    value,
                    effective=change.effective,
                )
        if e.batch is not None:
            add("batch", "batch", e.batch.discount)
        if e.lifecycle is not None:
            life = e.lifecycle
            if life.status != "active":
                add("lifecycle", "status", life.status)
            for name in ("announced_on", "deprecated_on", "retired_on"):
                day = getattr(life, name)
                if day is not None:
                    add("lifecycle", name, day)
    return PeerData(
        kind="imgcost",
        version=f"checked {catalog.checked}",
        title=f"ImgCost catalog {path.name}" if path else "ImgCost catalog",
        path=path,
        points=tuple(points),
        models=tuple(models),
    )


def read_price_file(path: Path) -> PeerData:
    """Read a peer's price file: LiteLLM's, genai-prices' or an ImgCost catalog.

    Raises ``FileProblem`` with one line saying what is wrong and what to do.
    """
    path = Path(path)
    data = load_json(path)
    if _looks_like_catalog(data):
        try:
            catalog = PriceCatalog.model_validate(data)
        except ValidationError as e:
            raise FileProblem(
                path, f"not a valid ImgCost catalog: {describe_validation(e)}; fix that entry."
            ) from None
        return catalog_peer(catalog, path)
    if looks_like_genai(data):
        return read_genai(data, path)
    if looks_like_litellm(data):
        return read_litellm(data, path)
    if isinstance(data, (dict, list)) and not data:
        raise FileProblem(path, "the file holds no prices (it is an empty JSON value).")
    raise FileProblem(path, WRONG_SHAPE)
