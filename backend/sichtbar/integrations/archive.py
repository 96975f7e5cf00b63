"""Import of an employee's LinkedIn data export: shares and articles become posts of their archive connection.

The ZIP is read from the upload in memory-bounded chunks (providers/linkedin_export/reader.py) and never
stored; everything it yields is parsed before the first write, and all writes share one transaction, so a
bad archive leaves nothing half-imported."""

from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.errors import ApplicationError
from sichtbar.core.events import PostsImported, publish
from sichtbar.core.richtext import sanitize_html

from .models import Connection, ConnectionStatus, ImportedPost, Provider
from .providers.linkedin_export.parsing import ArchivePost, SharesFormatError, parse_article, parse_shares
from .providers.linkedin_export.reader import ArchiveError, ArchiveLimits, read_archive

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ArchiveErrorCode(StrEnum):
    """Stable codes of a rejected LinkedIn export (documented in docs/api.md)."""

    ARCHIVE_TOO_LARGE = "archive_too_large"
    ARCHIVE_INVALID = "archive_invalid"
    ARCHIVE_UNSAFE_PATH = "archive_unsafe_path"
    ARCHIVE_TOO_MANY_FILES = "archive_too_many_files"
    ARCHIVE_ENCRYPTED = "archive_encrypted"
    ARCHIVE_EMPTY = "archive_empty"
    SHARES_INVALID = "shares_invalid"


@dataclass(frozen=True)
class ArchiveImportResult:
    connection: Connection
    shares: int
    articles: int
    created: int
    updated: int
    unchanged: int


def _messages() -> dict[str, str]:
    return {
        ArchiveErrorCode.ARCHIVE_TOO_LARGE: _(
            "The archive is too large or unpacks to too much data. "
            "Please upload the export LinkedIn sent you."
        ),
        ArchiveErrorCode.ARCHIVE_INVALID: _("This file is not a readable ZIP archive."),
        ArchiveErrorCode.ARCHIVE_UNSAFE_PATH: _("The archive contains file names that are not allowed."),
        ArchiveErrorCode.ARCHIVE_TOO_MANY_FILES: _("The archive contains too many files."),
        ArchiveErrorCode.ARCHIVE_ENCRYPTED: _(
            "The archive is password-protected. Please upload it unprotected."
        ),
        ArchiveErrorCode.ARCHIVE_EMPTY: _(
            "The archive contains no Shares.csv and no articles. Is it LinkedIn's data export?"
        ),
        ArchiveErrorCode.SHARES_INVALID: _("Shares.csv in the archive could not be read."),
    }


def _fail(code: str) -> ApplicationError:
    message = _messages()[code]
    status = 413 if code == ArchiveErrorCode.ARCHIVE_TOO_LARGE else 400
    return ApplicationError(message, code=code, fields={"file": [message]}, status_code=status)


def max_upload_bytes() -> int:
    return int(getattr(settings, "LINKEDIN_ARCHIVE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def _parse(upload: UploadedFile) -> tuple[list[ArchivePost], int, int]:
    if upload.size is None or upload.size > max_upload_bytes():
        raise _fail(ArchiveErrorCode.ARCHIVE_TOO_LARGE)
    try:
        upload.seek(0)
        contents = read_archive(upload, ArchiveLimits())
    except ArchiveError as exc:
        raise _fail(exc.code) from exc
    if contents.shares_csv is None and not contents.articles:
        raise _fail(ArchiveErrorCode.ARCHIVE_EMPTY)
    shares: list[ArchivePost] = []
    if contents.shares_csv is not None:
        try:
            shares = parse_shares(contents.shares_csv)
        except SharesFormatError as exc:
            raise _fail(ArchiveErrorCode.SHARES_INVALID) from exc
    articles = [post for name, data in contents.articles if (post := parse_article(name, data))]
    return [*shares, *articles], len(shares), len(articles)


def _archive_connection(user: User) -> Connection:
    connection, _created = Connection.objects.get_or_create(
        user=user,
        provider=Provider.LINKEDIN_ARCHIVE,
        url="",
        defaults={"title": "LinkedIn", "status": ConnectionStatus.CONNECTED},
    )
    return connection


def linkedin_archive_import(*, user: User, upload: UploadedFile) -> ArchiveImportResult:
    """Import the shares and articles of the export; a post seen before (same share URN, article URL or
    content) is updated, not duplicated. The upload itself is not kept."""
    try:
        posts, share_count, article_count = _parse(upload)
    finally:
        upload.close()
    unique: dict[str, ArchivePost] = {}
    for parsed in posts:
        unique.setdefault(parsed.external_id, parsed)
    created = updated = unchanged = 0
    with transaction.atomic():
        connection = _archive_connection(user)
        connection = Connection.objects.select_for_update().get(pk=connection.pk)  # one import at a time
        existing = {post.external_id: post for post in connection.posts.all()}
        new: list[ImportedPost] = []
        for item in unique.values():
            values = {
                "url": item.url[:1000],
                "title": item.title[:500],
                "summary": sanitize_html(item.summary_html),
                "published_at": item.published_at,
                "language": item.language,
            }
            post = existing.get(item.external_id)
            if post is None:
                new.append(
                    ImportedPost(connection=connection, author=user, external_id=item.external_id, **values)
                )
                continue
            changed = [name for name, value in values.items() if getattr(post, name) != value]
            if changed:
                for name in changed:
                    setattr(post, name, values[name])
                post.save(update_fields=[*changed, "updated_at"])
                updated += 1
            else:
                unchanged += 1
        ImportedPost.objects.bulk_create(new, batch_size=500)
        created = len(new)
        now = timezone.now()
        Connection.objects.filter(pk=connection.pk).update(
            status=ConnectionStatus.CONNECTED,
            last_sync_at=now,
            last_error="",
            last_error_code="",
            updated_at=now,
        )
        connection.refresh_from_db()
        if created or updated:
            publish(PostsImported(user_ids=[user.pk], post_ids=[]))
    return ArchiveImportResult(
        connection=connection,
        shares=share_count,
        articles=article_count,
        created=created,
        updated=updated,
        unchanged=unchanged,
    )
