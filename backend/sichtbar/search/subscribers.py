"""What the search app does when lower apps change what profiles show (see sichtbar.core.events)."""

from sichtbar.core.events import (
    ProfilesChanged,
    ProfilesRemoved,
    TaxonomyChanged,
    UserDetailsChanged,
    subscribe,
)
from sichtbar.profiles.models import Profile

from .services import search_mark_dirty, search_remove_profiles, search_taxonomy_changed


def on_user_details_changed(event: UserDetailsChanged) -> None:
    """Name, department, location and active state are part of the person's profile document."""
    search_mark_dirty(
        profile_ids=list(Profile.objects.filter(user_id=event.user_id).values_list("pk", flat=True))
    )


def on_profiles_changed(event: ProfilesChanged) -> None:
    search_mark_dirty(profile_ids=event.profile_ids)


def on_profiles_removed(event: ProfilesRemoved) -> None:
    search_remove_profiles(profile_ids=event.profile_ids)


def on_taxonomy_changed(event: TaxonomyChanged) -> None:
    search_taxonomy_changed(skill_ids=event.skill_ids)


def register() -> None:
    subscribe(UserDetailsChanged, on_user_details_changed)
    subscribe(ProfilesChanged, on_profiles_changed)
    subscribe(ProfilesRemoved, on_profiles_removed)
    subscribe(TaxonomyChanged, on_taxonomy_changed)
