"""The contact-request mails for real: the API enqueues on Redis, a Celery worker process sends them."""

import pytest
from rest_framework.test import APIClient

from sichtbar.core.tests.test_worker import _wait_for, worker  # noqa: F401 (the fixture)
from sichtbar.directory.models import ContactRequest
from sichtbar.profiles.tests.factories import ProfileFactory


@pytest.mark.worker
def test_contact_request_mails_are_sent_by_a_worker_process(worker, settings):  # noqa: F811
    process, mail_dir = worker
    settings.CELERY_TASK_ALWAYS_EAGER = False
    profile = ProfileFactory(available_for_press=True)

    response = APIClient().post(
        f"/api/v1/public/experts/{profile.slug}/contact/",
        {
            "name": "Jana",
            "email": "jana@zeitung.example",
            "topic": "press",
            "message": "Hallo",
            "consent": True,
        },
        format="json",
    )

    assert response.status_code == 201
    contact = ContactRequest.objects.get()
    assert contact.assignee_notified_at is None  # queued, not sent in the request

    def sent():
        contact.refresh_from_db()
        return contact.assignee_notified_at and contact.acknowledgement_sent_at

    if not _wait_for(sent):
        process.terminate()
        output = process.communicate(timeout=15)[0].decode(errors="replace")
        pytest.fail(f"the worker did not send the mails; worker output:\n{output[-4000:]}")
    texts = [message.read_text() for message in mail_dir.iterdir()]
    assert len(texts) == 2
    assert any(f"To: {profile.user.email}" in text for text in texts)
    assert any("To: jana@zeitung.example" in text for text in texts)
