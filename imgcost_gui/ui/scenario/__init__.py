"""The scenario: its undoable document and the Workload tab that edits it."""

from .document import FieldPath, ScenarioDocument
from .presets import SIZE_PRESETS, SizePreset, preset_for
from .scenario_panel import ScenarioPanel
from .stage_form import QUALITY_ITEMS

__all__ = [
    "QUALITY_ITEMS",
    "SIZE_PRESETS",
    "FieldPath",
    "ScenarioDocument",
    "ScenarioPanel",
    "SizePreset",
    "preset_for",
]
