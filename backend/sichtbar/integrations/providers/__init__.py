"""What each network can do, as one registry: the SPA shows it, services check it before acting.

The flags follow the platforms' realities (docs: PRODUCT.md, "Platform realities"): LinkedIn cannot read a
member's posts, XING has no API any more, blogs are only read, Mastodon can do everything.
"""

from dataclasses import dataclass

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
        can_connect=False,
        sign_in=True,
        post_via_api=True,
        import_posts=False,
        import_metrics=False,
        share_intent=True,
        description=_("LinkedIn does not let apps read a member's posts; sharing works."),
    ),
    Provider.XING: ProviderInfo(
        key=Provider.XING,
        name="XING",
        can_connect=False,
        sign_in=False,
        post_via_api=False,
        import_posts=False,
        import_metrics=False,
        share_intent=True,
        description=_("XING has no public API any more: profile link and sharing only."),
    ),
    Provider.MASTODON: ProviderInfo(
        key=Provider.MASTODON,
        name="Mastodon",
        can_connect=False,
        sign_in=True,
        post_via_api=True,
        import_posts=True,
        import_metrics=True,
        share_intent=True,
        description=_("Mastodon's open API allows importing, posting and metrics."),
    ),
}


def provider_info(key: str) -> ProviderInfo | None:
    return PROVIDERS.get(key)
