"""What each network can do, as one registry: the SPA shows it, services check it before acting.

The flags follow the platforms' realities (docs: PRODUCT.md, "Platform realities"): LinkedIn cannot read a
member's posts, XING has no API any more, blogs are only read, Mastodon can do everything.
"""

from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import Provider


@dataclass(frozen=True)
class ProviderInfo:
    key: str
    name: str
    can_connect: bool  # implemented in this version: an employee can add a connection
    sign_in: bool  # connecting signs in at the network (OAuth / OpenID Connect)
    post_via_api: bool
    import_posts: bool
    import_metrics: bool
    share_intent: bool
    description: str | Promise  # translated when rendered, in the caller's language
    share_intent_template: str = ""  # SICHTBAR_SHARE_INTENT_<NETWORK>: {url}, {text}, {instance}
    # Set up on this installation; otherwise the environment variables still missing (admins see them).
    configured: bool = True
    missing_settings: tuple[str, ...] = ()


PROVIDERS: dict[str, ProviderInfo] = {
    Provider.BLOG: ProviderInfo(
        key=Provider.BLOG,
        name="Blog",
        can_connect=True,
        sign_in=False,
        post_via_api=False,
        import_posts=True,
        import_metrics=False,
        share_intent=False,
        description=_("Posts are imported from the blog's RSS, Atom or JSON feed or WordPress."),
    ),
    Provider.LINKEDIN: ProviderInfo(
        key=Provider.LINKEDIN,
        name="LinkedIn",
        can_connect=True,
        sign_in=True,
        post_via_api=True,
        import_posts=False,
        import_metrics=False,
        share_intent=True,
        description=_(
            "Sign in with LinkedIn fills in your name and photo if you wish, and lets you post shares. "
            "LinkedIn does not let apps read your posts; access has to be renewed about every 60 days."
        ),
    ),
    Provider.XING: ProviderInfo(
        key=Provider.XING,
        name="XING",
        can_connect=True,
        sign_in=False,
        post_via_api=False,
        import_posts=False,
        import_metrics=False,
        share_intent=True,
        description=_("XING has no public API any more: your profile link and sharing through XING's page."),
    ),
    Provider.MASTODON: ProviderInfo(
        key=Provider.MASTODON,
        name="Mastodon",
        can_connect=True,
        sign_in=True,
        post_via_api=True,
        import_posts=True,
        import_metrics=True,
        share_intent=True,
        description=_(
            "Mastodon's open API allows importing your public posts with their metrics, and posting."
        ),
    ),
}


def provider_info(key: str) -> ProviderInfo | None:
    return PROVIDERS.get(key)


def providers() -> list[ProviderInfo]:
    """The registry as this installation runs it: LinkedIn only when its app credentials are configured,
    posting and analytics only when enabled/approved, share intents from settings."""
    from .linkedin.client import configured as linkedin_configured

    result = []
    for info in PROVIDERS.values():
        template = str(getattr(settings, f"SICHTBAR_SHARE_INTENT_{info.key.upper()}", "") or "")
        info = replace(
            info, share_intent_template=template, share_intent=info.share_intent and bool(template)
        )
        if info.key == Provider.LINKEDIN:
            missing = tuple(
                name
                for name in ("LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET")
                if not getattr(settings, name, "")
            )
            info = replace(
                info,
                configured=linkedin_configured(),
                missing_settings=missing,
                can_connect=linkedin_configured(),
                post_via_api=bool(settings.LINKEDIN_POSTING_ENABLED),
                import_metrics=bool(settings.LINKEDIN_ANALYTICS_APPROVED),
            )
        result.append(info)
    return result


def providers_offered(*, is_admin: bool, connected: set[str]) -> list[ProviderInfo]:
    """What one person is offered: employees and managers see the networks this installation has set up
    (and any they are still connected to, to manage or disconnect); admins see every network, the
    missing ones with the settings that would set them up."""
    if is_admin:
        return providers()
    return [
        replace(info, missing_settings=()) for info in providers() if info.configured or info.key in connected
    ]
