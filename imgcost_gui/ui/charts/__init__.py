"""The charts. Only ``ChartsHost`` is imported up front: it shows at once and
imports matplotlib (``.tabs`` and the charts) after the window is on screen."""

from .charts_host import ChartsHost

__all__ = ["ChartsHost"]
