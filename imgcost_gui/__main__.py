"""``python -m imgcost_gui`` starts the desktop app."""

import sys

from imgcost_gui.app import main

sys.exit(main())
