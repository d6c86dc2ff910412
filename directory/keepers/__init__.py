"""Directory keepers: accounts of the people who keep records current, their edits and checks.

Modules: ``models`` (tables), ``accounts`` (passwords, lockout, login throttle), ``editing``
(edits run through the import's own checks, with history and revert) and ``stale`` (records by
the age of their details, conflicts and residents' reports). Nothing here knows the web.
"""
