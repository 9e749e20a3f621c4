"""The Help window's pages, by name (what the Help menu asks for)."""

GUIDE, SHORTCUTS, PRICES, LICENCE = "guide", "shortcuts", "prices", "licence"
