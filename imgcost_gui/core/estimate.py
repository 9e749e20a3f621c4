"""Turn a scenario into dollars, model by model and stage by stage.

``estimate()`` is the one entry point. Each pricing scheme has its own stage
estimator (``schemes.py``); they share the counting of billed attempts and
the notices about size and quality (``billing.py``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .billing import MONTHS_PER_PERIOD
from .catalog import (
    ModelEntry,
    PerImagePricing,
    PerMegapixelPricing,
    PriceCatalog,
    SubscriptionPricing,
    TokenPricing,
)
from .results import ModelEstimate, Notice
from .scenario import Scenario
from .schemes import (
    fixed_token_stage,
    megapixels_billed,
    per_image_stage,
    per_megapixel_stage,
    subscription_cost,
    subscription_estimate,
    token_stage,
)

__all__ = [
    "MONTHS_PER_PERIOD",
    "UnknownModel",
    "estimate",
    "estimate_model",
    "megapixels_billed",
    "resolve_models",
    "subscription_cost",
]


class UnknownModel(KeyError):
    """A model id that is not in the catalog."""

    def __str__(self) -> str:
        return f"unknown model {self.args[0]!r}; run 'imgcost catalog list' to see the ids"


# --- entry point ---------------------------------------------------------------------


def _lifecycle_notices(entry: ModelEntry) -> tuple[Notice, ...]:
    lc = entry.lifecycle
    out: list[Notice] = []
    if lc.status == "retired":
        when = f" on {lc.retired_on.isoformat()}" if lc.retired_on else ""
        out.append(Notice("retired", f"{entry.name} was retired{when}; it can no longer be used"))
    elif lc.status == "deprecated":
        when = f"; shuts down {lc.retired_on.isoformat()}" if lc.retired_on else ""
        out.append(Notice("deprecated", f"{entry.name} is deprecated{when}"))
    if not entry.api:
        out.append(
            Notice("no_api", f"{entry.name} has no public API; estimate for interactive use")
        )
    return tuple(out)


def estimate_model(scenario: Scenario, entry: ModelEntry) -> ModelEstimate:
    """Cost of a whole scenario on one model."""
    p = entry.pricing
    if isinstance(p, SubscriptionPricing):
        est = subscription_estimate(entry, p, scenario)
        return ModelEstimate(
            est.model,
            est.name,
            est.vendor,
            est.provider,
            est.stages,
            _lifecycle_notices(entry) + est.notices,
            plan=est.plan,
        )
    stages = []
    for stage in scenario.stages:
        if isinstance(p, TokenPricing):
            stages.append(token_stage(entry, p, stage))
        elif isinstance(p, PerImagePricing):
            stages.append(per_image_stage(entry, p, stage))
        elif isinstance(p, PerMegapixelPricing):
            stages.append(per_megapixel_stage(entry, p, stage))
        else:
            stages.append(fixed_token_stage(entry, p, stage))
    return ModelEstimate(
        entry.id, entry.name, entry.vendor, entry.provider, tuple(stages), _lifecycle_notices(entry)
    )


def resolve_models(catalog: PriceCatalog, models: Iterable[str] | None) -> list[ModelEntry]:
    """Catalog entries for ids; ``all`` (or nothing) means every model not retired."""
    ids = list(models or [])
    if not ids or ids == ["all"]:
        return catalog.active()
    out: dict[str, ModelEntry] = {}
    for model_id in ids:
        if model_id == "all":
            out.update((m.id, m) for m in catalog.active() if m.id not in out)
            continue
        entry = catalog.by_id.get(model_id)
        if entry is None:
            raise UnknownModel(model_id)
        out.setdefault(model_id, entry)
    return list(out.values())


def estimate(
    scenario: Scenario, catalog: PriceCatalog, models: Iterable[str] | None = None
) -> list[ModelEstimate]:
    """Cost of ``scenario`` on each model, in the order the models were named.

    ``models`` defaults to the scenario's own list, then to every active model.
    """
    chosen = models if models is not None else (scenario.models or None)
    return [estimate_model(scenario, entry) for entry in resolve_models(catalog, chosen)]
