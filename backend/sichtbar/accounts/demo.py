"""Demo data for accounts: a German company with departments in several cities and all three roles."""

import random
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from sichtbar.mail.models import MailStatus, OutboxMail
from sichtbar.mail.services import message_id_domain

from .models import Department, Invitation, InvitationStatus, Location, Role, User, hash_secret

DEMO_PASSWORD = "Sichtbar-Demo-2026"
DEMO_DOMAIN = "sichtbar.example"

DEPARTMENTS = [
    "Cloud & Plattform",
    "Data & KI",
    "Finanzen & Controlling",
    "Forschung & Entwicklung",
    "Kundenservice",
    "Marketing & Kommunikation",
    "Personal & Recruiting",
    "Produktmanagement",
    "Recht & Datenschutz",
    "Vertrieb DACH",
]
LOCATIONS = [
    ("München (Zentrale)", "München", "DE"),
    ("Berlin", "Berlin", "DE"),
    ("Hamburg", "Hamburg", "DE"),
    ("Köln", "Köln", "DE"),
    ("Stuttgart", "Stuttgart", "DE"),
    ("Wien", "Wien", "AT"),
    ("Zürich", "Zürich", "CH"),
]


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    first_name: str
    last_name: str
    department: str
    location: str


DEMO_LOGINS = [
    DemoLogin(
        Role.EMPLOYEE, f"lena.hoffmann@{DEMO_DOMAIN}", "Lena", "Hoffmann", "Cloud & Plattform", "Berlin"
    ),
    DemoLogin(
        Role.MANAGER,
        f"markus.weber@{DEMO_DOMAIN}",
        "Markus",
        "Weber",
        "Marketing & Kommunikation",
        "München (Zentrale)",
    ),
    DemoLogin(
        Role.ADMIN,
        f"sabine.krueger@{DEMO_DOMAIN}",
        "Sabine",
        "Krüger",
        "Personal & Recruiting",
        "München (Zentrale)",
    ),
]

# (first name, last name): German, Austrian, Swiss and international colleagues.
PEOPLE = [
    ("Jonas", "Müller"),
    ("Sophie", "Schneider"),
    ("Felix", "Fischer"),
    ("Marie", "Wagner"),
    ("Lukas", "Becker"),
    ("Hannah", "Schulz"),
    ("Maximilian", "Koch"),
    ("Laura", "Richter"),
    ("Paul", "Klein"),
    ("Julia", "Wolf"),
    ("Tobias", "Schröder"),
    ("Katharina", "Neumann"),
    ("Florian", "Schwarz"),
    ("Anna", "Zimmermann"),
    ("Stefan", "Braun"),
    ("Lisa", "Hofmann"),
    ("Alexander", "Hartmann"),
    ("Miriam", "Lange"),
    ("Daniel", "Krause"),
    ("Johanna", "Meier"),
    ("Sebastian", "Lehmann"),
    ("Clara", "Huber"),
    ("Matthias", "Kaiser"),
    ("Elif", "Yılmaz"),
    ("Mehmet", "Demir"),
    ("Aylin", "Kaya"),
    ("Piotr", "Nowak"),
    ("Agnieszka", "Kowalska"),
    ("Luca", "Rossi"),
    ("Giulia", "Bianchi"),
    ("Carlos", "García"),
    ("Lucía", "Fernández"),
    ("Priya", "Sharma"),
    ("Arjun", "Patel"),
    ("Wei", "Zhang"),
    ("Mei", "Chen"),
    ("Olena", "Shevchenko"),
    ("Dmytro", "Bondarenko"),
    ("Fatima", "Haddad"),
    ("Omar", "Nasser"),
    ("Emma", "Johansson"),
    ("Lars", "Nilsson"),
    ("Chloé", "Dubois"),
    ("Thomas", "Lefèvre"),
    ("Nikolaos", "Papadopoulos"),
    ("Ana", "Silva"),
    ("Kemal", "Öztürk"),
    ("Jana", "Novák"),
    ("Sarah", "O'Connor"),
    ("David", "Cohen"),
    ("Leonie", "Graf"),
    ("Moritz", "Brunner"),
    ("Nina", "Gruber"),
    ("Kevin", "Steiner"),
    ("Amelie", "Vogel"),
    ("Tim", "Frank"),
]


def _ascii(text: str) -> str:
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss").replace("ı", "i")
    text = text.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    normalized = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in normalized.lower() if ch.isalnum() or ch == "-")


def demo_email(first_name: str, last_name: str) -> str:
    return f"{_ascii(first_name)}.{_ascii(last_name)}@{DEMO_DOMAIN}"


def seed() -> dict[str, int]:
    return seed_accounts()


@transaction.atomic
def seed_accounts(*, seed: int = 42) -> dict[str, int]:
    """Create (or complete) the demo organisation; safe to run twice."""
    rng = random.Random(seed)  # noqa: S311  (demo data, not security)
    departments = {name: Department.objects.get_or_create(name=name)[0] for name in DEPARTMENTS}
    locations = {
        name: Location.objects.get_or_create(name=name, defaults={"city": city, "country": country})[0]
        for name, city, country in LOCATIONS
    }
    password = make_password(DEMO_PASSWORD)  # hashed once: 60 users would otherwise take seconds each
    now = timezone.now()
    created = 0

    people: list[tuple[str, str, str, str, str, str]] = [
        (d.email, d.first_name, d.last_name, d.role, d.department, d.location) for d in DEMO_LOGINS
    ]
    manager_departments = ["Personal & Recruiting", "Vertrieb DACH", "Cloud & Plattform", "Data & KI"]
    for index, (first, last) in enumerate(PEOPLE):
        role: str = Role.MANAGER if index < len(manager_departments) else Role.EMPLOYEE
        department = manager_departments[index] if role == Role.MANAGER else rng.choice(DEPARTMENTS)
        location = rng.choices([loc[0] for loc in LOCATIONS], weights=[8, 5, 4, 3, 3, 2, 2])[0]
        people.append((demo_email(first, last), first, last, role, department, location))
    people.append((f"it.admin@{DEMO_DOMAIN}", "Jan", "Petersen", Role.ADMIN, "Cloud & Plattform", "Hamburg"))

    for email, first, last, role, department, location in people:
        _user, was_created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "is_staff": role == Role.ADMIN,
                "department": departments[department],
                "location": locations[location],
                "password": password,
                "language": "en" if rng.random() < 0.2 else "de",
                # The company introduced the portal about a year ago. (Every day since the first account
                # joined is rolled up when the demo loads: years of empty days cost seconds per load.)
                "date_joined": now - timedelta(days=rng.randint(30, 400)),
            },
        )
        created += was_created

    admin = User.objects.get(email=DEMO_LOGINS[2].email)
    for first, last, department in [("Noah", "Berger", "Vertrieb DACH"), ("Ida", "Lorenz", "Data & KI")]:
        email = demo_email(first, last)
        if not Invitation.objects.filter(email=email).exists():
            Invitation.objects.create(
                email=email,
                first_name=first,
                last_name=last,
                role=Role.EMPLOYEE,
                department=departments[department],
                token_hash=hash_secret(Invitation.new_secret()),
                status=InvitationStatus.PENDING,
                invited_by=admin,
                expires_at=now + timedelta(days=10),
                mail=OutboxMail.objects.create(
                    to=email,
                    subject="Sie sind zu Sichtbar eingeladen",
                    body_text="",
                    message_id=make_msgid(domain=message_id_domain()),
                    template="invitation",
                    language="de",
                    status=MailStatus.SENT,
                    attempts=1,
                    next_attempt_at=now - timedelta(days=4),
                    sent_at=now - timedelta(days=4),
                ),
            )
    return {"users": User.objects.count(), "created_users": created, "departments": len(departments)}
