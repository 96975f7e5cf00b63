"""System checks of accounts: production refuses to run while demo accounts (published password) exist."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

from .demo import DEMO_DOMAIN
from .models import User


@register(Tags.database, Tags.security)
def demo_accounts_check(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list[Error]:
    """Runs with the database checks (`migrate`, which the container and the Kubernetes init container run
    before gunicorn starts, and `check --database default`)."""
    if not settings.SICHTBAR_REFUSE_DEMO_ACCOUNTS or not databases:
        return []
    try:
        demo = list(
            User.objects.filter(email__iendswith=f"@{DEMO_DOMAIN}", is_active=True)
            .exclude(password__startswith="!")  # unusable password: cannot sign in
            .values_list("email", flat=True)[:3]
        )
    except DatabaseError:  # not migrated yet: nothing to refuse
        return []
    if not demo:
        return []
    return [
        Error(
            f"Demo accounts with the published demo password are active: {', '.join(demo)}, …",
            hint=(
                f"Delete or deactivate every @{DEMO_DOMAIN} account (e.g. in /django-admin/), or set "
                "SICHTBAR_SEED_DEMO=1 if this installation is a demo on purpose."
            ),
            id="sichtbar.E001",
        )
    ]


@register(Tags.security, deploy=True)
def oidc_issuer_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """`check --deploy`: with single sign-on on, the ID token's issuer is checked only when configured."""
    if not settings.OIDC_ENABLED or settings.OIDC_OP_ISSUER:
        return []
    return [
        Warning(
            "Single sign-on is on but OIDC_OP_ISSUER is empty: ID tokens are accepted from any issuer whose "
            "key the configured JWKS holds.",
            hint="Set OIDC_OP_ISSUER to the `issuer` of the provider's /.well-known/openid-configuration.",
            id="sichtbar.W101",
        )
    ]
