"""What search engines get for a public profile: title, description, canonical, Open Graph, robots and
schema.org Person JSON-LD, built only from the ExpertDetail a visitor may see."""

import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sichtbar.core.richtext import html_to_text

SITE_NAME = "Sichtbar"
DESCRIPTION_LENGTH = 160

# Like django.utils.html.json_script: nothing inside a <script> element may close it or open a comment.
_JSON_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def company_name() -> str:
    return getattr(settings, "COMPANY_NAME", "Sichtbar")


def absolute_url(path_or_url: str) -> str:
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return f"{settings.SITE_URL}/{path_or_url.lstrip('/')}"


def expert_url(slug: str) -> str:
    return absolute_url(f"/experts/{slug}")


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A <script type="application/ld+json"> element that no value can break out of."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 (escaped above)


def person_json_ld(detail: dict[str, Any]) -> dict[str, Any]:
    """schema.org Person from a public ExpertDetail: hidden sections are None there and stay absent here."""
    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": detail["name"],
        "url": expert_url(detail["slug"]),
        "worksFor": {"@type": "Organization", "name": company_name()},
    }
    if detail.get("headline"):
        person["jobTitle"] = detail["headline"]
    if detail.get("photo_url"):
        person["image"] = absolute_url(detail["photo_url"])
    if detail.get("bio"):
        person["description"] = html_to_text(detail["bio"])
    if detail.get("skills"):
        person["knowsAbout"] = [item["skill"]["name"] for item in detail["skills"]]
    if detail.get("links"):
        person["sameAs"] = [link["url"] for link in detail["links"]]
    if detail.get("languages"):
        person["knowsLanguage"] = [language["code"] for language in detail["languages"]]
    if detail.get("location"):
        person["workLocation"] = {"@type": "Place", "name": detail["location"]["city"]}
    return person


def _description(detail: dict[str, Any]) -> str:
    text = html_to_text(detail["bio"]) if detail.get("bio") else ""
    if not text:
        text = detail.get("headline") or _("%(name)s – expert at %(company)s") % {
            "name": detail["name"],
            "company": company_name(),
        }
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def expert_head(detail: dict[str, Any]) -> SafeString:
    """Head tags of the public profile page, from the ExpertDetail of the public audience."""
    title = detail["name"]
    if detail.get("headline"):
        title = f"{title} – {detail['headline']}"
    context = {
        "title": f"{title} | {SITE_NAME}",
        "description": _description(detail),
        "canonical": expert_url(detail["slug"]),
        "image": absolute_url(detail["photo_url"]) if detail.get("photo_url") else "",
        "site_name": company_name(),
        "noindex": not detail["indexable"],
        "json_ld": json_ld_script(person_json_ld(detail)),
    }
    return mark_safe(render_to_string("directory/expert_head.html", context))  # noqa: S308 (autoescaped)


def not_found_head() -> SafeString:
    """An unknown or hidden profile: the SPA shows its not-found page; search engines keep away."""
    return mark_safe(  # noqa: S308 (autoescaped template)
        render_to_string(
            "directory/expert_head.html", {"title": f"{_('Not found')} | {SITE_NAME}", "noindex": True}
        )
    )
