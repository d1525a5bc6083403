"""``python -m analysis`` is the same as the ``opeunlike`` console script."""

from analysis.cli import main

raise SystemExit(main())
