"""The visit form: only cases within the user's jurisdiction can be chosen, whatever id is
posted (the chooser is scoped too, but a form must not trust what the browser sends)."""

from wagtail.admin.forms import WagtailAdminModelForm

from protection.models import Case
from protection.scope import visible


class HomeVisitForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "case" in self.fields and for_user is not None:
            self.fields["case"].queryset = visible(Case.objects.all(), for_user)
