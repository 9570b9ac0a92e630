"""Run the command line: ``python -m interviewtips``."""

from .cli import main

raise SystemExit(main())
