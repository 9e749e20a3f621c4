"""ImgCost: what image generation will cost, before you spend it."""

__version__ = "0.1.0"
