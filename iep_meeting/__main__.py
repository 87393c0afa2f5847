"""`python -m iep_meeting` runs the same command line as `iep-meeting`."""

import sys

from .cli import main

sys.exit(main())
