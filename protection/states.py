"""The states a case can be in, as the choices of Case.status.

A callable rather than a fixed list, so that the states can come from configuration (the
low-code lifecycle editor) without a migration each time one is added or renamed: a case keeps
its state's key, and the label shown is looked up here."""

_configuration = None  # a callable: [(key, label)] as configured, or None for the default


def use_configuration(source):
    """Let `source()` supply the states (the low-code lifecycle editor)."""
    global _configuration
    _configuration = source


def case_status_choices():
    configured = _configuration() if _configuration is not None else None
    if configured:
        return configured
    from .models import Case

    return Case.Status.choices
