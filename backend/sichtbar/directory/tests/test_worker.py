"""The contact-request mails for real: the API enqueues on Redis, a Celery worker process sends them."""

import pytest
from rest_framework.test import APIClient

from sichtbar.core.tests.worker import _wait_for, mails_in, worker  # noqa: F401 (the fixture)
from sichtbar.directory.models import ContactRequest
from sichtbar.mail.models import MailStatus, OutboxMail
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
    assert ContactRequest.objects.count() == 1
    # written to the outbox with the request, sent by the worker
    assert sorted(OutboxMail.objects.values_list("status", flat=True)) == ["pending", "pending"]

    def sent():
        return OutboxMail.objects.filter(status=MailStatus.SENT).count() == 2

    if not _wait_for(sent):
        process.terminate()
        output = process.communicate(timeout=15)[0].decode(errors="replace")
        pytest.fail(f"the worker did not send the mails; worker output:\n{output[-4000:]}")
    texts = mails_in(mail_dir)
    assert len(texts) == 2
    assert any(f"To: {profile.user.email}" in text for text in texts)
    assert any("To: jana@zeitung.example" in text for text in texts)
