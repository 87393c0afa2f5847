"""`python -m iep_meeting` runs the same command line as `iep-meeting`."""

import sys

from iep_meeting.cli.main import main

sys.exit(main())
