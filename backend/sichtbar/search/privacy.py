"""What the search app holds about a person: the flattened entries of their published profile, per audience,
and cached results that may show them (sichtbar/privacy/registry.py). Entries go with the profile (its
erasure removes them); cached results, name vocabularies and browse pages are dropped on commit."""

from django.db import transaction

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData

from .services import search_caches_forget

PERSONAL_DATA = [
    PersonalData(
        "search.SearchDocument",
        person=("profile__user",),
        texts=("name", "sort_name", "slug"),
        owned=True,
        erasure="deleted with the profile",
    ),
    PersonalData(
        "search.SearchDocumentText", person=("document__profile__user",), owned=True, erasure="deleted"
    ),
    PersonalData("search.SearchTerm", person=("document__profile__user",), owned=True, erasure="deleted"),
]


def erase_user_data(user: User) -> None:
    transaction.on_commit(search_caches_forget)
