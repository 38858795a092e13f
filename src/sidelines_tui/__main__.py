"""`python -m sidelines_tui` runs the same entry point as the `sidelines` command."""

from sidelines_tui.cli import main

raise SystemExit(main())
