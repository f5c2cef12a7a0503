"""`python -m desktop_app` behaves exactly like the `calmdesk` command."""

import sys

from desktop_app.cli.main import main

sys.exit(main())
