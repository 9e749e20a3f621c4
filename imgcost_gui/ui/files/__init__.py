"""Scenario files: new, open, save, recent files, templates, autosave and recovery."""

from .files import (
    SCENARIO_SUFFIXES,
    FileActions,
    ScenarioDrops,
    example_scenario,
    scenario_file_dropped,
    templates,
)

__all__ = [
    "SCENARIO_SUFFIXES",
    "FileActions",
    "ScenarioDrops",
    "example_scenario",
    "scenario_file_dropped",
    "templates",
]
