"""The expert's inbox (list, answer, close) and the managers' press triage (list, assign)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.directory.models import ContactRequest, ContactStatus, ContactTopic
from sichtbar.profiles.models import Visibility
from sichtbar.profiles.tests.factories import ProfileFactory

from .factories import ContactRequestFactory

INBOX = "/api/v1/contact-requests/"
TRIAGE = "/api/v1/contact-requests/triage/"


def _ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def post(client_for, django_capture_on_commit_callbacks):
    def _post(user, url, body=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).post(url, body or {}, format="json")

    return _post


@pytest.mark.django_db
def test_the_inbox_holds_only_my_requests(client_for):
    mine = ContactRequestFactory()
    ContactRequestFactory()  # someone else's

    response = client_for(mine.profile.user).get(INBOX)

    assert _ids(response) == [str(mine.pk)]
    item = response.json()["results"][0]
    assert item["expert"] == {"slug": mine.profile.slug, "name": mine.profile.user.full_name}
    assert item["assigned_to"] == item["expert"]
    assert set(item) >= {
        "id", "name", "email", "organisation", "topic", "message", "status",
        "created_at", "answered_at", "response_seconds", "expert",
    }  # fmt: skip


@pytest.mark.django_db
def test_a_colleague_without_requests_sees_an_empty_inbox(client_for, employee, manager):
    ContactRequestFactory()

    assert _ids(client_for(employee).get(INBOX)) == []
    assert _ids(client_for(manager).get(INBOX)) == []  # managers see others' requests only in the triage


@pytest.mark.django_db
def test_the_inbox_filters_and_orders(client_for):
    profile = ProfileFactory()
    old = ContactRequestFactory(profile=profile, topic=ContactTopic.TALK)
    new = ContactRequestFactory(profile=profile, topic=ContactTopic.PRESS, status=ContactStatus.ANSWERED)
    ContactRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    client = client_for(profile.user)

    assert _ids(client.get(INBOX)) == [str(new.pk), str(old.pk)]
    assert _ids(client.get(INBOX, {"ordering": "created_at"})) == [str(old.pk), str(new.pk)]
    assert _ids(client.get(INBOX, {"status": "answered"})) == [str(new.pk)]
    assert _ids(client.get(INBOX, {"topic": "talk"})) == [str(old.pk)]
    assert client.get(INBOX, {"status": "spam"}).status_code == 400


@pytest.mark.django_db
def test_the_inbox_runs_a_constant_number_of_queries(client_for):
    profile = ProfileFactory()
    client = client_for(profile.user)
    ContactRequestFactory.create_batch(2, profile=profile)
    with CaptureQueriesContext(connection) as few:
        assert len(_ids(client.get(INBOX))) == 2
    other = ProfileFactory()
    ContactRequestFactory.create_batch(10, profile=other, assigned_to=profile)
    with CaptureQueriesContext(connection) as many:
        assert len(_ids(client.get(INBOX))) == 12

    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_the_triage_runs_a_constant_number_of_queries(client_for, manager):
    client = client_for(manager)
    ContactRequestFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        assert len(_ids(client.get(TRIAGE))) == 2
    ContactRequestFactory.create_batch(10)
    with CaptureQueriesContext(connection) as many:
        assert len(_ids(client.get(TRIAGE))) == 12

    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.django_db
def test_answering_mails_the_reply_and_records_the_response_time(post, mailoutbox):
    contact = ContactRequestFactory(language="en")
    ContactRequest.objects.filter(pk=contact.pk).update(created_at=timezone.now() - timedelta(hours=2))

    response = post(
        contact.profile.user, f"{INBOX}{contact.pk}/answer/", {"reply": "Gern, Donnerstag 10 Uhr?"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "answered"
    assert 7200 <= body["response_seconds"] < 7260
    contact.refresh_from_db()
    assert contact.answered_at is not None
    assert contact.reply_sent_at is not None
    [mail] = mailoutbox
    assert mail.to == [contact.email]
    assert mail.reply_to == [contact.profile.user.email]
    assert mail.subject.startswith("Re: your message to")
    assert "Gern, Donnerstag 10 Uhr?" in mail.body


@pytest.mark.django_db
def test_an_answered_request_cannot_be_answered_again(post, mailoutbox):
    contact = ContactRequestFactory(status=ContactStatus.ANSWERED, answered_at=timezone.now())

    response = post(contact.profile.user, f"{INBOX}{contact.pk}/answer/", {"reply": "Nochmal"})

    assert response.status_code == 400
    assert response.json()["code"] == "contact_request_closed"
    assert mailoutbox == []


@pytest.mark.django_db
def test_an_empty_reply_is_refused(post, mailoutbox):
    contact = ContactRequestFactory()

    response = post(contact.profile.user, f"{INBOX}{contact.pk}/answer/", {"reply": ""})

    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.status == ContactStatus.NEW
    assert mailoutbox == []


@pytest.mark.django_db
def test_closing_sends_nothing(post, mailoutbox):
    contact = ContactRequestFactory()

    response = post(contact.profile.user, f"{INBOX}{contact.pk}/close/")

    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    contact.refresh_from_db()
    assert contact.closed_at is not None
    assert contact.response_seconds is None
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["answer", "close"])
@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, Role.ADMIN])
def test_nobody_acts_on_another_experts_request(post, mailoutbox, action, role):
    contact = ContactRequestFactory(topic=ContactTopic.CUSTOMER)

    response = post(UserFactory(role=role), f"{INBOX}{contact.pk}/{action}/", {"reply": "Hallo"})

    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.status == ContactStatus.NEW
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_triage_lists_press_requests_for_managers_only(client_for, manager, employee, admin_user):
    press = ContactRequestFactory(topic=ContactTopic.PRESS)
    ContactRequestFactory(topic=ContactTopic.CUSTOMER)

    assert _ids(client_for(manager).get(TRIAGE)) == [str(press.pk)]
    assert _ids(client_for(admin_user).get(TRIAGE)) == [str(press.pk)]
    assert client_for(employee).get(TRIAGE).status_code == 403
    assert client_for(press.profile.user).get(TRIAGE).status_code == 403


@pytest.mark.django_db
def test_a_manager_moves_a_press_request_into_another_experts_inbox(post, client_for, manager, mailoutbox):
    contact = ContactRequestFactory(topic=ContactTopic.PRESS)
    other = ProfileFactory(visibility_basics=Visibility.INTERNAL, is_published=False)

    response = post(manager, f"{INBOX}{contact.pk}/assign/", {"expert": other.slug})

    assert response.status_code == 200
    assert response.json()["assigned_to"] == {"slug": other.slug, "name": other.user.full_name}
    assert response.json()["expert"]["slug"] == contact.profile.slug
    assert _ids(client_for(other.user).get(INBOX)) == [str(contact.pk)]
    assert _ids(client_for(contact.profile.user).get(INBOX)) == []
    [mail] = mailoutbox
    assert mail.to == [other.user.email]
    # the new assignee answers; the original expert no longer can
    assert post(contact.profile.user, f"{INBOX}{contact.pk}/answer/", {"reply": "x"}).status_code == 404
    assert post(other.user, f"{INBOX}{contact.pk}/answer/", {"reply": "Gern."}).status_code == 200


@pytest.mark.django_db
def test_managers_can_close_press_requests_from_the_triage(post, manager):
    contact = ContactRequestFactory(topic=ContactTopic.PRESS)

    assert post(manager, f"{INBOX}{contact.pk}/close/").status_code == 200
    contact.refresh_from_db()
    assert contact.status == ContactStatus.CLOSED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    ["niemand", "private", "inactive"],
)
def test_assigning_needs_an_active_visible_expert(post, manager, mailoutbox, target):
    contact = ContactRequestFactory(topic=ContactTopic.PRESS)
    if target == "private":
        ProfileFactory(slug="private", visibility_basics=Visibility.PRIVATE)
    if target == "inactive":
        ProfileFactory(slug="inactive", user=UserFactory(is_active=False))

    response = post(manager, f"{INBOX}{contact.pk}/assign/", {"expert": target})

    assert response.status_code == 400
    assert response.json()["code"] == "assignee_invalid"
    assert "expert" in response.json()["extra"]["fields"]
    contact.refresh_from_db()
    assert contact.assigned_to_id == contact.profile_id
    assert mailoutbox == []


@pytest.mark.django_db
def test_only_press_requests_can_be_assigned(post, manager):
    contact = ContactRequestFactory(topic=ContactTopic.CUSTOMER)
    other = ProfileFactory()

    response = post(manager, f"{INBOX}{contact.pk}/assign/", {"expert": other.slug})

    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.assigned_to_id == contact.profile_id


@pytest.mark.django_db
def test_employees_cannot_assign(post, employee):
    contact = ContactRequestFactory(topic=ContactTopic.PRESS)

    response = post(contact.profile.user, f"{INBOX}{contact.pk}/assign/", {"expert": contact.profile.slug})

    assert response.status_code == 403


@pytest.mark.django_db
def test_the_triage_topics_are_configurable(client_for, manager, settings):
    settings.CONTACT_TRIAGE_TOPICS = ["press", "talk"]
    press = ContactRequestFactory(topic=ContactTopic.PRESS)
    talk = ContactRequestFactory(topic=ContactTopic.TALK)
    ContactRequestFactory(topic=ContactTopic.CUSTOMER)

    assert set(_ids(client_for(manager).get(TRIAGE))) == {str(press.pk), str(talk.pk)}
