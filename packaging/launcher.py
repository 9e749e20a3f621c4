"""Entry point of the frozen app (PyInstaller runs this file)."""

import os
import sys


def _stable_matplotlib_cache() -> None:
    # PyInstaller's matplotlib hook points MPLCONFIGDIR at a new temporary folder
    # on every start, which rebuilds the font cache each time (seconds). Keep it
    # in the user's cache folder instead, so only the first start builds it.
    import platformdirs

    folder = os.path.join(platformdirs.user_cache_dir("ImgCost", appauthor=False), "matplotlib")
    os.makedirs(folder, exist_ok=True)
    os.environ["MPLCONFIGDIR"] = folder


if __name__ == "__main__":
    _stable_matplotlib_cache()
    from imgcost_gui.app import main

    sys.exit(main())
