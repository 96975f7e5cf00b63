"""LinkedIn data export upload: shares and articles imported from real ZIPs; hostile archives refused."""

import io
import struct
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sichtbar.integrations.models import Connection, ImportedPost, Provider
from sichtbar.integrations.providers.linkedin_export.parsing import guess_language, parse_shares
from sichtbar.integrations.providers.linkedin_export.reader import ArchiveError, ArchiveLimits, read_archive
from sichtbar.integrations.tests.factories import ImportedPostFactory
from sichtbar.profiles.models import SkillSuggestion
from sichtbar.profiles.tests.factories import ProfileFactory, SkillFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/activity/linkedin-archive/"

SHARES_CSV = (
    "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    '2026-03-02 09:15:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A111,"Wir haben unsere '
    "Kubernetes-Cluster migriert und das ist nicht trivial.\n\nMehr dazu im Blog "
    '<script>alert(1)</script>",https://blog.example.com/k8s,,MEMBER_NETWORK\n'
    "2026-04-10 17:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A222,"
    '"Notes on the security of a ""zero trust"" network and the people who run it",,,PUBLIC\n'
    "2026-04-11 08:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A333,,,,PUBLIC\n"
)

ARTICLE_HTML = """<html><head><title>Kubernetes im Mittelstand</title></head><body>
<h1><a href="https://www.linkedin.com/pulse/kubernetes-im-mittelstand-anna">Kubernetes im Mittelstand</a></h1>
<p class="created">Created on 2025-11-03 10:00</p>
<p class="published">Published on 2025-11-04 08:30</p>
<div><p>Warum wir <strong>Kubernetes</strong> einsetzen und was die IT-Sicherheit dazu sagt.</p>
<img src="https://media.licdn.com/x.png" onerror="alert(1)"></div></body></html>"""


def make_zip(files: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return buffer.getvalue()


def export(**extra: bytes | str) -> bytes:
    return make_zip(
        {
            "Profile.csv": "First Name,Last Name\nAnna,Beispiel\n",
            "Shares.csv": SHARES_CSV,
            "Articles/Articles/2025-11-03 10:00:00.0-Kubernetes-im-Mittelstand.html": ARTICLE_HTML,
            "Connections.csv": "not read\n",
            **extra,
        }
    )


def upload(client, data: bytes, name: str = "Basic_LinkedInDataExport_11-22-2026.zip"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "application/zip")}, format="multipart")


def test_the_export_becomes_posts_of_the_archive_connection(client_for, employee):
    response = upload(client_for(employee), export())

    assert response.status_code == 201, response.json()
    body = response.json()
    assert {k: body[k] for k in ("shares", "articles", "created", "updated", "unchanged")} == {
        "shares": 2,
        "articles": 1,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }
    connection = Connection.objects.get(user=employee)
    assert connection.provider == Provider.LINKEDIN_ARCHIVE
    assert body["connection"]["id"] == connection.id
    posts = {post.external_id: post for post in ImportedPost.objects.filter(author=employee)}
    share = posts["https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A111"]
    assert share.title == "Wir haben unsere Kubernetes-Cluster migriert und das ist nicht trivial."
    assert share.published_at == datetime(2026, 3, 2, 9, 15, tzinfo=UTC)
    assert "<script>" not in share.summary and "Mehr dazu im Blog" in share.summary
    assert 'href="https://blog.example.com/k8s"' in share.summary
    assert share.language == "de"
    english = posts["https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A222"]
    assert english.title == 'Notes on the security of a "zero trust" network and the people who run it'
    assert english.language == "en"
    article = posts["https://www.linkedin.com/pulse/kubernetes-im-mittelstand-anna"]
    assert article.title == "Kubernetes im Mittelstand"
    assert article.published_at == datetime(2025, 11, 4, 8, 30, tzinfo=UTC)
    assert "<strong>Kubernetes</strong>" in article.summary
    assert "onerror" not in article.summary and "Published on" not in article.summary
    assert all(not post.show_on_profile for post in posts.values())


def test_uploading_the_same_export_again_duplicates_nothing_and_updates_what_changed(client_for, employee):
    client = client_for(employee)
    upload(client, export())
    changed = SHARES_CSV.replace("Notes on the security", "Revised notes on the security")

    response = upload(client, export(**{"Shares.csv": changed}))

    assert response.status_code == 201
    assert {k: response.json()[k] for k in ("created", "updated", "unchanged")} == {
        "created": 0,
        "updated": 1,
        "unchanged": 2,
    }
    assert ImportedPost.objects.filter(author=employee).count() == 3
    assert Connection.objects.filter(user=employee).count() == 1


def test_the_import_refreshes_skill_suggestions_after_commit(
    client_for, employee, django_capture_on_commit_callbacks
):
    ProfileFactory(user=employee)
    kubernetes = SkillFactory(name_de="Kubernetes", name_en="Kubernetes")
    security = SkillFactory(name_de="IT-Sicherheit", name_en="Security")

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_for(employee), export())

    assert response.status_code == 201
    suggestions = dict(
        SkillSuggestion.objects.filter(profile__user=employee).values_list("skill_id", "evidence_count")
    )
    assert suggestions == {kubernetes.id: 2, security.id: 2}


def _assert_refused(response, code: str, status: int = 400) -> None:
    assert response.status_code == status, response.json()
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    assert body["extra"]["fields"]["file"]


def test_a_zip_bomb_is_refused_and_nothing_is_imported(client_for, employee):
    bomb = b"\0" * (30 * 1024 * 1024)  # 30 MiB of zeros: ~30 KiB compressed

    response = upload(client_for(employee), export(**{"Articles/Articles/2025-01-01-x.html": bomb}))

    _assert_refused(response, "archive_too_large", 413)
    assert ImportedPost.objects.count() == 0
    assert Connection.objects.count() == 0


def test_a_highly_compressed_member_below_the_size_cap_is_refused_by_its_ratio():
    data = make_zip({"Shares.csv": "a" * (5 * 1024 * 1024)})

    with pytest.raises(ArchiveError) as error:
        read_archive(io.BytesIO(data))

    assert error.value.code == "archive_too_large"


def _tamper_declared_size(data: bytes, name: str, declared: int) -> bytes:
    """Make the member claim a smaller uncompressed size, in the local header and the central directory."""
    raw = bytearray(data)
    encoded = name.encode()
    local = raw.find(b"PK\x03\x04")
    while local != -1:
        name_length = struct.unpack_from("<H", raw, local + 26)[0]
        if raw[local + 30 : local + 30 + name_length] == encoded:
            struct.pack_into("<I", raw, local + 22, declared)
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46 : central + 46 + name_length] == encoded:
            struct.pack_into("<I", raw, central + 24, declared)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def test_a_member_lying_about_its_size_is_cut_off_while_streaming():
    honest = make_zip({"Shares.csv": bytes(range(256)) * 4096})  # 1 MiB, barely compressible
    lying = _tamper_declared_size(honest, "Shares.csv", 1000)

    with pytest.raises(ArchiveError) as error:
        read_archive(io.BytesIO(lying))

    # zipfile stops at the declared size, then the checksum of the truncated data fails
    assert error.value.code == "archive_invalid"


def test_the_streaming_cap_holds_even_when_declared_sizes_pass():
    data = make_zip({"Shares.csv": b"x" * 5000}, compression=zipfile.ZIP_STORED)

    with pytest.raises(ArchiveError) as error:
        read_archive(io.BytesIO(data), ArchiveLimits(max_member_bytes=10_000, max_total_bytes=4000))

    assert error.value.code == "archive_too_large"


@pytest.mark.parametrize("name", ["../../etc/cron.d/evil", "/tmp/Shares.csv", "C:/Windows/evil.html"])
def test_path_traversal_refuses_the_whole_archive(client_for, employee, name):
    response = upload(client_for(employee), export(**{name: "x"}))

    _assert_refused(response, "archive_unsafe_path")
    assert ImportedPost.objects.count() == 0


def test_too_many_members_are_refused(client_for, employee):
    files: dict[str, bytes | str] = {f"Messages/{n}.txt": "" for n in range(5001)}
    files["Shares.csv"] = SHARES_CSV

    _assert_refused(upload(client_for(employee), make_zip(files)), "archive_too_many_files")
    assert ImportedPost.objects.count() == 0


def test_encrypted_members_are_refused(client_for, employee):
    raw = bytearray(make_zip({"Shares.csv": SHARES_CSV}))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set "encrypted" in both headers
        at = raw.find(signature)
        struct.pack_into("<H", raw, at + offset, struct.unpack_from("<H", raw, at + offset)[0] | 0x1)

    _assert_refused(upload(client_for(employee), bytes(raw)), "archive_encrypted")
    assert ImportedPost.objects.count() == 0


def test_files_that_are_not_exports_get_a_clear_error(client_for, employee):
    client = client_for(employee)
    _assert_refused(upload(client, b"%PDF-1.7 not a zip", "cv.pdf"), "archive_invalid")
    _assert_refused(upload(client, make_zip({"Profile.csv": "x"})), "archive_empty")
    _assert_refused(upload(client, make_zip({"Shares.csv": "just,some\ncsv,text\n"})), "shares_invalid")
    assert Connection.objects.count() == 0


def test_uploads_above_the_configured_size_are_refused_before_unpacking(client_for, employee, settings):
    settings.LINKEDIN_ARCHIVE_MAX_UPLOAD_BYTES = 1000

    _assert_refused(upload(client_for(employee), export()), "archive_too_large", 413)
    assert ImportedPost.objects.count() == 0


def test_shares_without_text_or_link_are_skipped_and_language_is_guessed():
    posts = parse_shares(SHARES_CSV.encode("utf-8-sig"))

    assert [post.external_id.rsplit("%3A", 1)[-1] for post in posts] == ["111", "222"]
    assert guess_language("Das ist ein Test und nicht mehr") == "de"
    assert guess_language("ok") == ""


def test_a_blog_sync_with_new_posts_refreshes_the_evidence_and_an_unchanged_one_does_not(
    allowed_blog, django_capture_on_commit_callbacks
):
    from sichtbar.integrations import services
    from sichtbar.integrations.tests.blog_server import rss

    kubernetes = SkillFactory(name_de="Kubernetes", name_en="Kubernetes")
    allowed_blog.pages["/feed"] = rss(
        {"title": "Kubernetes im Betrieb", "link": "https://b.example/1", "guid": "1"}
    )
    profile = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        connection = services.blog_connect(user=profile.user, url=f"{allowed_blog.url}/feed")
    suggestion = SkillSuggestion.objects.get(profile=profile)
    assert (suggestion.skill_id, suggestion.evidence_count) == (kubernetes.id, 1)
    profile.refresh_from_db()
    assert profile.activity_score > 0

    allowed_blog.pages["/feed"] = rss(
        {"title": "Kubernetes im Betrieb", "link": "https://b.example/1", "guid": "1"},
        {"title": "Mehr Kubernetes", "link": "https://b.example/2", "guid": "2"},
        etag='"rss-2"',
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.blog_sync(connection_id=connection.id)
    suggestion.refresh_from_db()
    assert suggestion.evidence_count == 2

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = services.blog_sync(connection_id=connection.id)  # 304: nothing new, nothing enqueued
    assert result.not_modified is True
    assert callbacks == []


def test_the_daily_sweep_refreshes_people_with_posts_and_those_whose_score_must_fall(
    django_capture_on_commit_callbacks,
):
    from sichtbar.profiles import tasks as profile_tasks
    from sichtbar.profiles.models import Profile

    with_posts = ImportedPostFactory(connection__provider=Provider.BLOG).author
    posts_gone = ProfileFactory(activity_score=0.4)
    ProfileFactory(activity_score=0.0)  # nothing to do for this one

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = profile_tasks.activity_refresh_all.apply().get()

    assert queued == 2
    assert len(callbacks) >= 2
    assert Profile.objects.get(pk=posts_gone.pk).activity_score == 0.0
    assert Profile.objects.get(user=with_posts).activity_score > 0
