"""Every import of minors puts the possible duplicates it brought into the review queue."""


def compare_imported_minors(sender, record, created, updated, **kwargs):
    from .finding import after_import

    after_import(record, [minor.pk for minor in created])
