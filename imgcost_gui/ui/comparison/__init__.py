"""The comparison: the models to compare (the Models tab) and the table of what each costs."""

from .comparison_panel import ComparisonPanel
from .live import LiveComparison
from .model_picker import ModelPicker, compared_ids

__all__ = ["ComparisonPanel", "LiveComparison", "ModelPicker", "compared_ids"]
