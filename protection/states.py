"""The states a case can be in, as the choices of Case.status.

A callable rather than a fixed list, so that the states can come from configuration (the
low-code lifecycle editor) without a migration each time one is added or renamed: a case keeps
its state's key, and the label shown is looked up here."""


def case_status_choices():
    from .models import Case

    return Case.Status.choices
