"""A change to the catalogue marks every cached ranking as stale for the background refresh."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from sichtbar.content.models import ContentItem

from .services import catalogue_changed


@receiver(post_save, sender=ContentItem, dispatch_uid="recommendations_content_saved")
@receiver(post_delete, sender=ContentItem, dispatch_uid="recommendations_content_deleted")
def _content_changed(sender: Any, **kwargs: Any) -> None:
    catalogue_changed()


@receiver(m2m_changed, sender=ContentItem.topics.through, dispatch_uid="recommendations_topics_changed")
@receiver(m2m_changed, sender=ContentItem.departments.through, dispatch_uid="recommendations_audience_dept")
@receiver(m2m_changed, sender=ContentItem.locations.through, dispatch_uid="recommendations_audience_loc")
def _content_relations_changed(sender: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        catalogue_changed()
