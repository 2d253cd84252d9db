"""Signals of the import machinery, so that apps react to imported records without the project
package knowing them (``lantian`` imports no app).

``rows_imported`` is sent inside the import's transaction, once per import, after the records are
written: ``sender`` is the registry's model, ``record`` the ``ImportRecord``, ``created`` and
``updated`` the lists of records. A receiver that fails makes the whole import fail."""

from django.dispatch import Signal

rows_imported = Signal()
