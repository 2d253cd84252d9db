"""Request-wide policies of the project."""

from dataclasses import replace

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy from settings, strict everywhere, with one exception: the Wagtail
    admin renders inline scripts of its own (theme and sidebar bootstrapping) that carry no
    nonce, so its pages — reachable only by logged-in staff — also allow inline scripts. The
    public site, which anyone can reach, never does."""

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(self.admin_prefix):
            update = dict(parts.update or {})
            update["script-src"] = [*update.get("script-src", []), "'unsafe-inline'"]
            parts = replace(parts, update=update)
        return parts
