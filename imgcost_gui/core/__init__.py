"""The estimation core: catalog, scenarios, estimates and files. No Qt here."""

from .catalog import ModelEntry, PriceCatalog
from .compare import (
    cheapest_by_cell,
    cost_vs_volume,
    images_within_budget,
    rank,
)
from .estimate import UnknownModel, estimate, estimate_model
from .overrides import UserCatalog, load_shipped_catalog, price_fields
from .results import METER_LABELS, METERS, MeterCost, ModelEstimate, Notice, StageEstimate
from .scenario import ReferenceImages, ResponsesOverhead, Scenario, Stage
from .sizes import Size
from .storage import FileProblem, atomic_write_text, load_scenario, save_scenario

__all__ = [
    "METERS",
    "METER_LABELS",
    "FileProblem",
    "MeterCost",
    "ModelEntry",
    "ModelEstimate",
    "Notice",
    "PriceCatalog",
    "ReferenceImages",
    "ResponsesOverhead",
    "Scenario",
    "Size",
    "Stage",
    "StageEstimate",
    "UnknownModel",
    "UserCatalog",
    "atomic_write_text",
    "cheapest_by_cell",
    "cost_vs_volume",
    "estimate",
    "estimate_model",
    "images_within_budget",
    "load_scenario",
    "load_shipped_catalog",
    "price_fields",
    "rank",
    "save_scenario",
]
