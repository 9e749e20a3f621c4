"""The workspace on the shipped catalog, with figures worked out by hand from its
published prices (today pinned to 2026-12-01 by the root conftest):

- Ideogram 3.0: $0.03 / $0.06 / $0.09 an image (low / medium / high);
- FLUX1.1 [pro] and Recraft V3: $0.04 an image, any quality;
- Midjourney: Basic $10 a month with 3.3 fast GPU hours, Standard $30 with 15,
  extra fast time $4 an hour, 1 GPU minute per job of 4 images (1/240 hour an image);
- DALL-E 3: retired on 2026-05-12.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from imgcost_gui.core import PriceCatalog, Scenario, Stage, load_shipped_catalog

MODELS = ["ideogram-3.0", "flux-pro-1.1", "midjourney", "dall-e-3", "recraft-v3"]


@pytest.fixture(scope="session")
def catalog() -> PriceCatalog:
    return load_shipped_catalog()


def scenario(budget: str | None = None, **stage: object) -> Scenario:
    """1,000 medium 1024x1024 images a month on five models, Ideogram the baseline."""
    return Scenario(
        stages=[Stage(**{"requests": 1000, "quality": "medium", **stage})],
        models=list(MODELS),
        baseline="ideogram-3.0",
        budget_usd=Decimal(budget) if budget else None,
    )


def drafts_then_edits(**update: object) -> Scenario:
    """1,000 medium drafts, then 100 edits of a 1024x1024 product photo, on FLUX1.1
    [pro] (which cannot edit) and Ideogram 3.0; ``update`` changes scenario fields."""
    fields: dict[str, object] = {"models": ["flux-pro-1.1", "ideogram-3.0"], **update}
    return Scenario(
        stages=[
            Stage(name="Drafts", requests=1000, quality="medium"),
            Stage(
                name="Edits",
                requests=100,
                quality="medium",
                mode="edit",
                references={"count": 1, "width": 1024, "height": 1024},
            ),
        ],
        **fields,
    )
