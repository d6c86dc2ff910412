"""Directory file formats: one module per format, one registry, and the records they share.

Formats (the names used by ``--format``, in :mod:`directory.formats.registry`)
    ``oruk-json``    ORUK 3.0 JSON: our own FORMAT.md, a paged ``/services`` response, a bare
                     list of services or one full service (:mod:`~directory.formats.oruk_json`)
    ``oruk-v1``      ORUK v1 JSON pages, import only (:mod:`~directory.formats.oruk_v1`)
    ``oruk-csv``     ORUK 3.0 / HSDS 3.0 CSV data package: a folder, its datapackage.json or a
                     .zip (:mod:`~directory.formats.oruk_csv`, written by ``oruk_csv_export``)
    ``spreadsheet``  the volunteer CSV described in docs/directory-data.md
                     (:mod:`~directory.formats.spreadsheet`, columns in ``spreadsheet_columns``,
                     written by ``spreadsheet_export``)

Each format module offers ``detect``, ``read`` and (unless import only) ``write``; the registry
lists them, tells a file's format and finds one by name. Import, validation
(:mod:`directory.importing`) and export (:mod:`directory.exporting`) go through it.

Shared by the formats, below them (they import nothing from the formats or the import):
``records`` (ParsedDirectory: what every format reads a file into), ``values`` (text, date,
cost and taxonomy helpers), ``files`` (reading CSV and JSON; the Sample that ``detect`` looks
at), ``issues`` (ImportIssue), ``errors`` (the exceptions) and ``stored`` (the stored directory,
loaded for the writers). The ORUK formats share one mapping each way: ``oruk_records`` (ORUK 3.0
service objects into records) and ``oruk_objects`` (the stored directory as ORUK 3.0 objects).

This package's ``__init__`` holds only this text, so importing one module never loads the others.
"""
