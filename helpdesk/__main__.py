"""`python -m helpdesk` is the same as the `helpdesk` command."""

from helpdesk.cli import main

raise SystemExit(main())
