"""Entry point of the frozen ``imgcost`` command line, shipped next to the app."""

import sys

if __name__ == "__main__":
    from imgcost_gui.cli import main

    sys.exit(main())
