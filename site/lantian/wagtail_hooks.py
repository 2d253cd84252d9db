"""Admin machinery the project package gives every app: the log of spreadsheet imports and
exports (``lantian.imports``)."""

from lantian.imports.admin import register_hooks

register_hooks()
