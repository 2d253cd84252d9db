"""What keeps robots and floods off the public forms (volunteer applications, reports).

State lives in the cache, never in the process, so that several application servers share one
count. The client is known by a keyed hash of its address: no address is stored or logged.
"""

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


def client_key(request):
    """A keyed hash of the client's address. Behind a reverse proxy, the proxy must set
    REMOTE_ADDR (e.g. gunicorn's --forwarded-allow-ips); a client-supplied X-Forwarded-For
    would let anyone pick their own bucket."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


def over_limit(request, scope, limit, window_seconds):
    """Count one attempt of this client in `scope`; True once it made more than `limit` in
    the current window. Cheap (one cache round trip) so a flood costs the site little."""
    key = f"ratelimit:{scope}:{client_key(request)}"
    if cache.add(key, 1, window_seconds):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        count = 1
    return count > limit


class HoneypotMixin(forms.Form):
    """A field people never see (hidden by CSS and from screen readers) and robots fill in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT))
