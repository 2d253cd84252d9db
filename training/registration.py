"""Signing a person up for a session, for the public form, staff entry and the import alike.

The session row is locked (select_for_update) while the seats are counted, so that two people
pressing "register" at the same moment cannot both take the last seat."""

from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from .models import Registration, TrainingSession

REFUSALS = {
    "not-public": lambda: _("This session does not take sign-ups on the public site."),
    "not-yet": lambda: _("Registration for this session has not opened yet."),
    "closed": lambda: _("Registration for this session is closed."),
}


class RegistrationRefused(Exception):
    """The person could not be registered; the message says why, in the user's language."""


def register(session_pk, *, name, phone, source, **details):
    try:
        with transaction.atomic():
            session = TrainingSession.objects.select_for_update().get(pk=session_pk)
            if source == Registration.Source.PUBLIC:
                state = session.registration_state()
                if state != "open":
                    raise RegistrationRefused(REFUSALS[state]())
            if session.registrations.filter(phone=phone).exists():
                raise RegistrationRefused(
                    _("This phone number is already registered for this session.")
                )
            if session.registrations.count() >= session.capacity:
                raise RegistrationRefused(_("Sorry, this session is full."))
            return Registration.objects.create(
                session=session, name=name, phone=phone, source=source, **details
            )
    except OperationalError as error:
        # SQLite locks the whole database for a writer; a sign-up that meets that lock is
        # refused rather than counted twice. PostgreSQL waits on the row lock instead.
        raise RegistrationRefused(_("Many people are registering right now; try again.")) from (
            error
        )
