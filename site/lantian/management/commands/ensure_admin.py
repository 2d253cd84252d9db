"""Create the first administrator for `make run`.

The password is random and printed once, when the account is made; LANTIAN_ADMIN_PASSWORD sets
it instead (and resets it on every run, so a forgotten password is one variable away)."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the administrator account if missing and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("LANTIAN_ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        chosen = os.environ.get("LANTIAN_ADMIN_PASSWORD")
        user = User.objects.filter(username=username).first()
        if user is None:
            password = chosen or secrets.token_urlsafe(12)
            User.objects.create_superuser(username, email="", password=password)
            self.stdout.write(f"Administrator: {username}  password: {password}  (shown once)")
        elif chosen:
            user.set_password(chosen)
            user.save(update_fields=["password"])
            self.stdout.write(f"Administrator: {username}  password: from LANTIAN_ADMIN_PASSWORD")
        else:
            self.stdout.write(
                f"Administrator: {username}  (password shown when it was created; "
                "set LANTIAN_ADMIN_PASSWORD to reset it)"
            )
