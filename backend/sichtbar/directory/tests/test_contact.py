"""Visitors write to experts: consent, honeypot, rate and flood limits, availability, e-mails through the
outbox, and an acknowledgement that cannot carry a stranger's text (no phishing relay)."""

import pytest
from django.test import override_settings
from django.utils import timezone

from sichtbar.directory.models import ContactRequest, ContactStatus
from sichtbar.profiles.models import Visibility

from .conftest import make_profile

URL = "/api/v1/public/experts/{}/contact/"
BODY = {
    "name": "Jana Berger",
    "email": "jana.berger@zeitung.example",
    "organisation": "Beispielzeitung",
    "topic": "press",
    "message": "Hätten Sie diese Woche Zeit für ein Interview?",
    "consent": True,
}


@pytest.fixture
def send(client_for, django_capture_on_commit_callbacks):
    def _send(slug, body=None, language="de", client=None):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or client_for(None)).post(
                URL.format(slug), body or BODY, format="json", HTTP_ACCEPT_LANGUAGE=language
            )

    return _send


@pytest.mark.django_db
def test_a_request_is_stored_and_both_sides_are_mailed(send, expert, mailoutbox):
    expert.user.language = "en"
    expert.user.save()

    response = send(expert.slug, language="de")

    assert response.status_code == 201
    contact = ContactRequest.objects.get()
    assert response.json() == {"id": str(contact.pk), "status": "new"}
    assert (contact.profile, contact.assigned_to, contact.topic, contact.language) == (
        expert,
        expert,
        "press",
        "de",
    )
    assert contact.consent is True
    assert contact.consent_version
    assert contact.assignee_notified_at is not None
    assert contact.acknowledgement_sent_at is not None
    to_expert, to_visitor = sorted(mailoutbox, key=lambda m: m.to[0] != expert.user.email)
    assert to_expert.to == [expert.user.email]
    assert to_expert.subject == "New contact request: Press enquiry from Jana Berger"  # expert's language
    assert "Hätten Sie diese Woche Zeit" in to_expert.body
    assert "/inbox" in to_expert.body
    assert to_visitor.to == ["jana.berger@zeitung.example"]
    assert to_visitor.subject.startswith("Wir haben Ihre Nachricht an")  # the visitor's language


@pytest.mark.django_db
def test_no_visitor_address_or_ip_is_stored(send, expert):
    send(expert.slug)

    columns = {field.name for field in ContactRequest._meta.get_fields()}
    assert not {name for name in columns if "ip" in name.split("_") or "agent" in name}


@pytest.mark.django_db
def test_a_filled_honeypot_answers_alike_but_keeps_and_sends_nothing(send, expert, mailoutbox):
    response = send(expert.slug, {**BODY, "website": "http://spam.example"})

    assert response.status_code == 201
    assert set(response.json()) == {"id", "status"}
    assert response.json()["status"] == "new"
    assert not ContactRequest.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("consent", [False, None])
def test_consent_is_required(send, expert, mailoutbox, consent):
    body = (
        {**BODY, "consent": consent}
        if consent is not None
        else {k: v for k, v in BODY.items() if k != "consent"}
    )

    response = send(expert.slug, body)

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert "consent" in response.json()["extra"]["fields"]
    assert not ContactRequest.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("message", "x" * 5001),
        ("name", "x" * 121),
        ("email", "keine-adresse"),
        ("topic", "spam"),
        ("name", ""),
    ],
)
def test_input_is_limited(send, expert, field, value):
    response = send(expert.slug, {**BODY, field: value})

    assert response.status_code == 400
    assert field in response.json()["extra"]["fields"]
    assert not ContactRequest.objects.exists()


@pytest.mark.django_db
def test_requests_are_rate_limited_per_client(send, expert, client_for):
    client = client_for(None)
    statuses = [send(expert.slug, client=client).status_code for _ in range(6)]

    assert statuses == [201] * 5 + [429]
    assert ContactRequest.objects.count() == 5
    throttled = send(expert.slug, client=client)
    assert throttled.json()["code"] == "throttled"
    assert throttled.json()["extra"]["retry_after_seconds"] > 0


@pytest.mark.django_db
def test_the_rate_comes_from_settings(send, expert, client_for, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "contact": "1/hour"},
    }
    client = client_for(None)

    assert [send(expert.slug, client=client).status_code for _ in range(2)] == [201, 429]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"visibility_basics": Visibility.INTERNAL},
        {"is_published": False},
    ],
)
def test_hidden_profiles_cannot_be_contacted(send, mailoutbox, overrides):
    profile = make_profile(**overrides)

    response = send(profile.slug)

    assert response.status_code == 404
    assert not ContactRequest.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"available_for_press": False},
        {"visibility_availability": Visibility.INTERNAL},
        {"available_until": timezone.localdate() - timezone.timedelta(days=1)},
    ],
)
def test_experts_who_are_not_available_cannot_be_contacted(send, mailoutbox, overrides):
    profile = make_profile(**overrides)

    response = send(profile.slug)

    assert response.status_code == 400
    assert response.json()["code"] == "contact_not_available"
    assert not ContactRequest.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_sending_the_outbox_again_sends_nothing_twice(send, expert, mailoutbox):
    from sichtbar.mail.models import MailStatus, OutboxMail
    from sichtbar.mail.services import mail_send, mail_sweep

    send(expert.slug)
    mailoutbox.clear()

    assert [mail_send(mail_id=pk) for pk in OutboxMail.objects.values_list("pk", flat=True)] == [False, False]
    assert mail_sweep() == 0
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}
    assert mailoutbox == []


@pytest.mark.django_db
def test_nothing_is_mailed_when_the_transaction_rolls_back(
    expert, mailoutbox, django_capture_on_commit_callbacks
):
    from sichtbar.directory import services

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.contact_request_create(
            profile=expert, name="A", email="a@example.com", topic="other", message="Hallo", consent=True
        )

    assert len(callbacks) == 2
    assert mailoutbox == []


@pytest.mark.django_db
@override_settings(SITE_URL="https://experten.example.com")
def test_the_expert_mail_links_to_the_inbox(send, expert, mailoutbox):
    send(expert.slug)

    expert_mail = next(m for m in mailoutbox if m.to == [expert.user.email])
    assert "https://experten.example.com/inbox" in expert_mail.body
    assert ContactRequest.objects.get().status == ContactStatus.NEW


@pytest.mark.django_db
def test_line_breaks_in_names_cannot_inject_mail_headers(send, expert, mailoutbox):
    response = send(expert.slug, {**BODY, "name": "Eve\r\nBcc: all@example.com", "organisation": "A\nB"})

    assert response.status_code == 201
    contact = ContactRequest.objects.get()
    assert (contact.name, contact.organisation) == ("Eve Bcc: all@example.com", "A B")
    assert all("\n" not in mail.subject for mail in mailoutbox)
    assert len(mailoutbox) == 2


# --- no relay: the acknowledgement repeats nothing the visitor typed ----------------------------

LURE = {
    **BODY,
    "name": "Ihr Konto wird gesperrt, bitte bestätigen: https://phish.example/login",
    "organisation": "Bank https://phish.example",
    "message": "Jetzt anmelden unter https://phish.example/verify und Passwort eingeben.",
}


@pytest.mark.django_db
def test_the_acknowledgement_repeats_nothing_the_visitor_typed(send, expert, mailoutbox):
    response = send(expert.slug, {**LURE, "email": "victim@example.com"})

    assert response.status_code == 201
    (to_visitor,) = [m for m in mailoutbox if m.to == ["victim@example.com"]]
    html = to_visitor.alternatives[0].content
    assert to_visitor.subject == f"Wir haben Ihre Nachricht an {expert.user.full_name} erhalten"
    for part in (to_visitor.subject, to_visitor.body, html):
        assert "phish" not in part
        assert "Konto" not in part and "Passwort" not in part and "Bank" not in part
    assert to_visitor.body.startswith("Hallo,\n")
    assert expert.user.full_name in to_visitor.body


@pytest.mark.django_db
def test_the_expert_gets_the_whole_message_but_no_clickable_visitor_link(
    send, expert, mailoutbox, client_for
):
    send(expert.slug, LURE)

    (to_expert,) = [m for m in mailoutbox if m.to == [expert.user.email]]
    html = to_expert.alternatives[0].content
    assert LURE["message"] in to_expert.body
    assert "https://phish.example/verify" in html
    assert 'href="https://phish.example' not in html  # only links to the portal are clickable
    assert "/inbox</a>" in html  # the portal's own link is
    inbox = client_for(expert.user).get("/api/v1/contact-requests/").json()["results"]
    assert [(item["name"], item["message"]) for item in inbox] == [(LURE["name"], LURE["message"])]


@pytest.mark.django_db
def test_the_reply_carries_the_experts_words_only(
    send, expert, mailoutbox, client_for, django_capture_on_commit_callbacks
):
    send(expert.slug, LURE)
    contact = ContactRequest.objects.get()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answered = client_for(expert.user).post(
            f"/api/v1/contact-requests/{contact.pk}/answer/",
            {"reply": "Gern, Donnerstag um 10 Uhr."},
            format="json",
        )

    assert answered.status_code == 200, answered.content
    (reply,) = mailoutbox
    assert reply.to == [BODY["email"]]
    assert reply.reply_to == [expert.user.email]
    assert "Gern, Donnerstag um 10 Uhr." in reply.body
    assert "phish" not in reply.body and "phish" not in reply.alternatives[0].content


# --- flood limits over all senders --------------------------------------------------------------


def _from(address):
    return {**BODY, "email": address}


@pytest.mark.django_db
@override_settings(CONTACT_FLOOD_PER_EXPERT_PER_DAY=2)
def test_one_expert_takes_a_limited_number_of_requests_per_day(send, expert, mailoutbox):
    from sichtbar.mail.models import OutboxMail

    other = make_profile()
    assert send(expert.slug, _from("a@example.com")).status_code == 201
    assert send(expert.slug, _from("b@example.com")).status_code == 201
    mails = OutboxMail.objects.count()

    refused = send(expert.slug, _from("c@example.com"))

    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "contact_flood_expert"
    assert body["message"] == (
        "Diese Expertin oder dieser Experte hat heute sehr viele Anfragen erhalten. Bitte versuchen Sie es "
        "morgen erneut oder wenden Sie sich direkt an das Unternehmen."
    )
    assert body["extra"]["fields"] == {}
    assert 86_000 < body["extra"]["retry_after_seconds"] <= 86_400
    assert ContactRequest.objects.filter(profile=expert).count() == 2
    assert OutboxMail.objects.count() == mails  # nothing mailed for a refused request
    assert "c@example.com" not in {m.to[0] for m in mailoutbox}
    assert send(other.slug, _from("c@example.com")).status_code == 201  # other experts are reachable


@pytest.mark.django_db
@override_settings(CONTACT_FLOOD_PER_EXPERT_PER_DAY=1)
def test_requests_older_than_a_day_no_longer_count(send, expert):
    assert send(expert.slug, _from("a@example.com")).status_code == 201
    ContactRequest.objects.update(created_at=timezone.now() - timezone.timedelta(hours=25))

    assert send(expert.slug, _from("b@example.com")).status_code == 201


@pytest.mark.django_db
@override_settings(CONTACT_FLOOD_PER_COMPANY_PER_HOUR=2)
def test_the_company_takes_a_limited_number_of_requests_per_hour(send, client_for):
    experts = [make_profile() for _ in range(3)]
    assert send(experts[0].slug, _from("a@example.com")).status_code == 201
    assert send(experts[1].slug, _from("b@example.com")).status_code == 201

    refused = send(experts[2].slug, _from("c@example.com"), language="en")

    assert refused.status_code == 429
    assert refused.json()["code"] == "contact_flood_company"
    assert (
        refused.json()["message"]
        == "We are receiving very many requests right now. Please try again in an hour."
    )
    assert 3_500 < refused.json()["extra"]["retry_after_seconds"] <= 3_600
    assert ContactRequest.objects.count() == 2
