"""`manage.py demo_users`: one demo login per role, each with its jurisdiction, printed so that a
newcomer can log in as a village supervisor and see that village only.

Passwords derive from SECRET_KEY (HMAC), so every run prints the same working password without
storing it anywhere; the command refuses to run when DEBUG is off (no demo logins in production)."""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from protection import roles
from protection.models import Department, StaffScope, Township, Village

# username -> (role, display name, township, village, department)
DEMO_USERS = {
    "demo-city": (roles.CITY_OFFICE, "示例·市民政局工作人员", None, None, None),
    "demo-township": (roles.TOWNSHIP_STAFF, "示例·索河街道民政所", "索河街道", None, None),
    "demo-village": (roles.VILLAGE_SUPERVISOR, "示例·楚庄社区督导员", "索河街道", "楚庄社区", None),
    "demo-police": (roles.DEPARTMENT_LIAISON, "示例·市公安局联络员", None, None, "市公安局"),
    "demo-leader": (roles.LEADERSHIP, "示例·领导小组成员", None, None, None),
}


def demo_password(username):
    digest = hmac.new(settings.SECRET_KEY.encode(), username.encode(), hashlib.sha256)
    return "Lt-" + digest.hexdigest()[:12]


class Command(BaseCommand):
    help = "Create or refresh one demo user per registry role and print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo logins are for development only (DEBUG is off).")
        groups = roles.ensure_groups()
        User = get_user_model()
        self.stdout.write("Demo logins (user / password / role):")
        for username, (role, display, township, village, department) in DEMO_USERS.items():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": display, "email": f"{username}@example.invalid"},
            )
            if created:
                user.set_password(demo_password(username))
                user.save()
            user.groups.set([groups[role]])
            level = roles.ROLES[role][1]
            scope, _ = StaffScope.objects.update_or_create(
                user=user,
                defaults={
                    "level": level,
                    "department": Department.objects.filter(name=department).first(),
                },
            )
            scope.townships.set(
                Township.objects.filter(name=township) if level == "township" else []
            )
            scope.villages.set(
                Village.objects.filter(name=village, township__name=township)
                if level == "village"
                else []
            )
            self.stdout.write(f"  {username} / {demo_password(username)} / {role}")
