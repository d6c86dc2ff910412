"""``python -m webhooks.cli``: the same as the ``signpost`` command."""

from webhooks.cli import main

raise SystemExit(main())
