"""Scenario files: new, open, save, recent files, templates, drops, autosave and recovery."""

from .drops import SCENARIO_SUFFIXES, ScenarioDrops, scenario_file_dropped
from .files import FileActions, example_scenario, templates

__all__ = [
    "SCENARIO_SUFFIXES",
    "FileActions",
    "ScenarioDrops",
    "example_scenario",
    "scenario_file_dropped",
    "templates",
]
