"""Demo content: ~60 items of a German company (articles, jobs, events, press releases) in German and
English with language pairs, topics from the demo taxonomy, share texts, a current guideline and rules.
Loaded once: running it again adds nothing."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sichtbar.accounts.models import Department, Location, Role, User
from sichtbar.governance.models import ConfidentialityRule, GuidelineVersion, RuleAction, RuleKind
from sichtbar.profiles.models import Skill

from .models import (
    ContentComment,
    ContentItem,
    ContentKind,
    ContentStatus,
    ShareText,
)

SITE = "https://www.sichtbar-demo.example"

# (key, kind, topic slugs, German title, German summary, English title or "", English summary,
#  important, department names the item is for ([] = everyone))
STORIES: list[tuple[str, str, list[str], str, str, str, str, bool, list[str]]] = [
    (
        "k8s-plattform",
        "article",
        ["kubernetes", "devops", "cloud-computing"],
        "Wie wir 400 Services auf Kubernetes migriert haben",
        "Ein Erfahrungsbericht unseres Plattform-Teams: Stolpersteine, Werkzeuge und was wir heute "
        "anders machen würden.",
        "How we moved 400 services to Kubernetes",
        "A field report from our platform team: pitfalls, tooling and what we would do differently today.",
        False,
        [],
    ),
    (
        "cloud-souveraen",
        "article",
        ["cloud-computing", "cloud-security", "data-protection"],
        "Souveräne Cloud: Was Mittelständler jetzt wissen müssen",
        "Datenhoheit, Standortwahl und Vertragsgestaltung – ein Leitfaden für IT-Entscheider.",
        "Sovereign cloud: what mid-sized companies need to know",
        "Data sovereignty, location and contracts – a guide for IT decision makers.",
        True,
        [],
    ),
    (
        "terraform-module",
        "article",
        ["terraform", "aws", "devops"],
        "Terraform-Module, die man wiederverwenden will",
        "Fünf Muster für Infrastructure as Code, die in großen Teams funktionieren.",
        "Terraform modules people actually reuse",
        "Five infrastructure-as-code patterns that work in large teams.",
        False,
        [],
    ),
    (
        "sre-oncall",
        "article",
        ["sre", "incident-response"],
        "Rufbereitschaft ohne Burn-out",
        "Wie unsere SRE-Teams Alarme halbiert und Nachteinsätze fair verteilt haben.",
        "",
        "",
        False,
        ["Cloud & Plattform"],
    ),
    (
        "ki-governance",
        "article",
        ["ai-governance", "machine-learning", "compliance"],
        "KI-Verordnung: Unser Fahrplan bis 2027",
        "Was der EU AI Act für unsere Produkte bedeutet und wie wir Risikoklassen bewerten.",
        "The EU AI Act: our roadmap to 2027",
        "What the AI Act means for our products and how we assess risk classes.",
        True,
        [],
    ),
    (
        "llm-kundenservice",
        "article",
        ["nlp", "machine-learning", "customer-service"],
        "Sprachmodelle im Kundenservice: Ein ehrlicher Zwischenstand",
        "Wo generative KI unseren Service schneller macht – und wo wir bewusst darauf verzichten.",
        "Language models in customer service: an honest status report",
        "Where generative AI makes our service faster – and where we deliberately do without it.",
        False,
        [],
    ),
    (
        "data-mesh",
        "article",
        ["data-engineering", "spark", "sql"],
        "Data Mesh in der Praxis",
        "Domänenteams übernehmen Verantwortung für ihre Daten: unsere Lessons Learned nach zwei Jahren.",
        "Data mesh in practice",
        "Domain teams own their data: our lessons learned after two years.",
        False,
        ["Data & KI"],
    ),
    (
        "dashboards-barrierefrei",
        "article",
        ["data-visualisation", "accessibility", "power-bi"],
        "Barrierefreie Dashboards",
        "Farben, Kontraste und Screenreader: So werden Berichte für alle lesbar.",
        "Accessible dashboards",
        "Colours, contrast and screen readers: reports everyone can read.",
        False,
        [],
    ),
    (
        "s4-migration",
        "article",
        ["sap-s4hana", "erp-consulting", "sap-fico"],
        "S/4HANA-Umstieg: Greenfield oder Brownfield?",
        "Unsere Beraterinnen und Berater vergleichen beide Wege anhand von drei Kundenprojekten.",
        "",
        "",
        False,
        [],
    ),
    (
        "abap-cloud",
        "article",
        ["sap-abap", "sap-basis"],
        "ABAP Cloud: Clean Core für Entwickler",
        "Was sich für ABAP-Entwicklerinnen und -Entwickler mit dem Clean-Core-Ansatz ändert.",
        "ABAP Cloud: clean core for developers",
        "What changes for ABAP developers with the clean core approach.",
        False,
        [],
    ),
    (
        "esg-reporting",
        "article",
        ["sustainability", "controlling", "ifrs"],
        "CSRD-Berichtspflicht: So bereiten wir uns vor",
        "Nachhaltigkeitskennzahlen im Controlling verankern – unser Weg zum ersten ESG-Bericht.",
        "CSRD reporting: how we are preparing",
        "Anchoring sustainability metrics in controlling – our path to the first ESG report.",
        True,
        [],
    ),
    (
        "hgb-ifrs",
        "article",
        ["hgb", "ifrs", "accounting"],
        "HGB und IFRS parallel abschließen",
        "Praxistipps aus unserem Finanzbereich für den Konzernabschluss.",
        "",
        "",
        False,
        ["Finanzen & Controlling"],
    ),
    (
        "arbeitsrecht-hybrid",
        "article",
        ["labour-law", "works-council", "hr"],
        "Hybrides Arbeiten: Was die neue Betriebsvereinbarung regelt",
        "Mobile Arbeit, Erreichbarkeit und Ausstattung – die wichtigsten Punkte im Überblick.",
        "",
        "",
        True,
        [],
    ),
    (
        "dsgvo-ki",
        "article",
        ["data-protection", "ai-governance", "it-law"],
        "Datenschutz bei KI-Projekten",
        "Vom Verarbeitungsverzeichnis bis zur Folgenabschätzung: eine Checkliste.",
        "Data protection in AI projects",
        "From the record of processing to the impact assessment: a checklist.",
        False,
        [],
    ),
    (
        "pentest-lessons",
        "article",
        ["penetration-testing", "it-security"],
        "Was uns 50 Penetrationstests gelehrt haben",
        "Die häufigsten Schwachstellen in Webanwendungen – und wie man sie früh findet.",
        "What 50 penetration tests taught us",
        "The most common web application weaknesses – and how to find them early.",
        False,
        [],
    ),
    (
        "iso27001",
        "article",
        ["iso-27001", "compliance", "it-security"],
        "ISO 27001 Rezertifizierung bestanden",
        "Wie wir Informationssicherheit im Alltag leben und was die Auditoren gelobt haben.",
        "",
        "",
        False,
        [],
    ),
    (
        "react-design-system",
        "article",
        ["react", "typescript", "ui-design", "accessibility"],
        "Unser Design-System in React und TypeScript",
        "Komponenten, Tokens und Barrierefreiheit: wie 12 Produktteams eine gemeinsame Oberfläche bauen.",
        "Our design system in React and TypeScript",
        "Components, tokens and accessibility: how 12 product teams build one interface.",
        False,
        [],
    ),
    (
        "django-api",
        "article",
        ["django", "python", "api-design"],
        "API-Design mit Django: Unsere Konventionen",
        "Fehlerformate, Versionierung und Paginierung – was sich bewährt hat.",
        "API design with Django: our conventions",
        "Error formats, versioning and pagination – what has worked for us.",
        False,
        [],
    ),
    (
        "rust-performance",
        "article",
        ["rust", "go", "software-development"],
        "Rust im Backend: Ein Jahr später",
        "Warum wir einen Hot-Path von Go nach Rust portiert haben und was es gebracht hat.",
        "Rust in the backend: one year on",
        "Why we ported a hot path from Go to Rust and what it brought.",
        False,
        [],
    ),
    (
        "ux-research-b2b",
        "article",
        ["user-research", "ux-design", "product-management"],
        "Nutzerforschung im B2B: Wie wir an echte Anwender kommen",
        "Methoden, Rekrutierung und Einwilligungen für Interviews mit Geschäftskunden.",
        "",
        "",
        False,
        [],
    ),
    (
        "agile-scaling",
        "article",
        ["agile", "project-management", "leadership"],
        "Agil skalieren ohne Framework-Dogma",
        "Was wir von SAFe, LeSS und unserem eigenen Weg gelernt haben.",
        "Scaling agile without framework dogma",
        "What we learned from SAFe, LeSS and our own way.",
        False,
        [],
    ),
    (
        "employer-branding-studie",
        "article",
        ["employer-branding", "recruiting", "content-marketing"],
        "Studie: Mitarbeitende sind die glaubwürdigsten Markenbotschafter",
        "Ergebnisse unserer Umfrage unter 1.200 Fachkräften in der DACH-Region.",
        "Study: employees are the most credible brand ambassadors",
        "Results of our survey of 1,200 professionals in the DACH region.",
        True,
        [],
    ),
    (
        "seo-b2b",
        "article",
        ["seo", "content-marketing", "marketing"],
        "B2B-SEO: Fachartikel, die gefunden werden",
        "Wie Expertinnen und Experten mit ihrem Wissen Suchanfragen beantworten.",
        "",
        "",
        False,
        ["Marketing & Kommunikation"],
    ),
    (
        "kundenservice-nps",
        "article",
        ["customer-service", "customer-success", "complaint-management"],
        "Vom Beschwerdefall zum Fan",
        "Wie unser Kundenservice die Weiterempfehlungsrate um 18 Punkte gesteigert hat.",
        "From complaint to fan",
        "How our customer service raised the net promoter score by 18 points.",
        False,
        [],
    ),
    (
        "key-account",
        "article",
        ["key-account-management", "b2b-sales", "negotiation"],
        "Key-Account-Management in unsicheren Zeiten",
        "Wie unser Vertrieb langfristige Partnerschaften trotz Budgetdruck hält.",
        "",
        "",
        False,
        ["Vertrieb DACH"],
    ),
    # jobs
    (
        "job-platform-engineer",
        "job",
        ["kubernetes", "terraform", "devops"],
        "Wir suchen: Platform Engineer (m/w/d) in Berlin oder remote",
        "Du baust mit uns die interne Entwicklerplattform auf Kubernetes.",
        "We are hiring: Platform Engineer in Berlin or remote",
        "Build our internal developer platform on Kubernetes with us.",
        False,
        [],
    ),
    (
        "job-data-scientist",
        "job",
        ["data-science", "machine-learning", "python"],
        "Data Scientist (m/w/d) für Prognosemodelle",
        "Verstärke unser Data-&-KI-Team in München mit Erfahrung in Zeitreihen und MLOps.",
        "Data Scientist for forecasting models",
        "Join our data & AI team in Munich with time series and MLOps experience.",
        False,
        [],
    ),
    (
        "job-sap-berater",
        "job",
        ["sap-fico", "sap-s4hana", "erp-consulting"],
        "SAP FI/CO Berater (m/w/d) in Stuttgart",
        "Begleite Kunden bei der Transformation auf S/4HANA.",
        "",
        "",
        False,
        [],
    ),
    (
        "job-werkstudent-marketing",
        "job",
        ["content-marketing", "copywriting", "video-production"],
        "Werkstudent (m/w/d) Content-Marketing",
        "Schreibe, filme und gestalte mit unserem Kommunikationsteam in Hamburg.",
        "",
        "",
        False,
        [],
    ),
    (
        "job-security-analyst",
        "job",
        ["it-security", "incident-response", "cloud-security"],
        "Security Analyst (m/w/d) im Security Operations Center",
        "Erkenne und beantworte Angriffe rund um die Uhr mit einem eingespielten Team.",
        "Security analyst in our security operations centre",
        "Detect and respond to attacks around the clock with an experienced team.",
        False,
        [],
    ),
    (
        "job-recruiter",
        "job",
        ["recruiting", "active-sourcing", "employer-branding"],
        "Talent Acquisition Partner (m/w/d) in Wien",
        "Finde mit uns die besten Köpfe für Österreich und die Schweiz.",
        "",
        "",
        False,
        [],
    ),
    # events
    (
        "event-cloud-summit",
        "event",
        ["cloud-computing", "kubernetes", "cloud-migration"],
        "Cloud Summit München: Treffen Sie unsere Expertinnen und Experten",
        "Vorträge zu Migration, Kosten und Sicherheit – 12. März, Messe München, Stand B4.",
        "Cloud Summit Munich: meet our experts",
        "Talks on migration, cost and security – 12 March, Messe München, booth B4.",
        True,
        [],
    ),
    (
        "event-ki-meetup",
        "event",
        ["machine-learning", "nlp", "public-speaking"],
        "KI-Meetup Berlin: Sprachmodelle im Unternehmen",
        "Abendveranstaltung mit Praxisberichten und Diskussion, Anmeldung kostenlos.",
        "AI meetup Berlin: language models at work",
        "An evening of case studies and discussion, free registration.",
        False,
        [],
    ),
    (
        "event-karrieretag",
        "event",
        ["recruiting", "employer-branding", "hr"],
        "Karrieretag an der TU München",
        "Wir stellen Einstiegsmöglichkeiten für Absolventinnen und Absolventen vor.",
        "",
        "",
        False,
        [],
    ),
    (
        "event-sap-forum",
        "event",
        ["sap", "sap-s4hana"],
        "SAP-Anwenderforum Stuttgart",
        "Kundinnen und Kunden berichten von ihrem S/4HANA-Umstieg.",
        "",
        "",
        False,
        [],
    ),
    (
        "event-webinar-datenschutz",
        "event",
        ["data-protection", "it-law"],
        "Webinar: Datenschutz-Folgenabschätzung in 60 Minuten",
        "Unsere Datenschutzexpertinnen zeigen Schritt für Schritt, wie es geht.",
        "Webinar: data protection impact assessment in 60 minutes",
        "Our data protection experts show how, step by step.",
        False,
        [],
    ),
    # press
    (
        "press-quartal",
        "press",
        ["finance", "controlling"],
        "Pressemitteilung: Umsatzplus von 14 Prozent im dritten Quartal",
        "Wachstum in allen Regionen, stärkstes Plus im Cloud-Geschäft.",
        "Press release: revenue up 14 per cent in the third quarter",
        "Growth in every region, strongest in the cloud business.",
        True,
        [],
    ),
    (
        "press-partnerschaft",
        "press",
        ["cloud-computing", "azure"],
        "Neue strategische Partnerschaft für souveräne Cloud-Lösungen",
        "Gemeinsames Angebot für öffentliche Auftraggeber in Deutschland und Österreich.",
        "New strategic partnership for sovereign cloud solutions",
        "A joint offering for public-sector customers in Germany and Austria.",
        False,
        [],
    ),
    (
        "press-auszeichnung",
        "press",
        ["employer-branding", "diversity"],
        "Ausgezeichnet: Top-Arbeitgeber 2026",
        "Wir gehören erneut zu den beliebtesten Arbeitgebern der IT-Branche.",
        "Award: top employer 2026",
        "Once again we are among the most popular employers in IT.",
        True,
        [],
    ),
    (
        "press-standort-wien",
        "press",
        ["sales", "customer-success"],
        "Neuer Standort in Wien eröffnet",
        "Mit 60 neuen Arbeitsplätzen bauen wir unser Geschäft in Österreich aus.",
        "",
        "",
        False,
        [],
    ),
]

# Which stories are not live: (key, status, expired)
STATES: dict[str, tuple[str, bool]] = {
    "event-karrieretag": (ContentStatus.PUBLISHED, True),
    "event-sap-forum": (ContentStatus.PUBLISHED, True),
    "press-standort-wien": (ContentStatus.ARCHIVED, False),
    "job-recruiter": (ContentStatus.IN_REVIEW, False),
    "rust-performance": (ContentStatus.IN_REVIEW, False),
    "seo-b2b": (ContentStatus.DRAFT, False),
    "key-account": (ContentStatus.DRAFT, False),
}

HASHTAGS = {
    "kubernetes": "#Kubernetes",
    "cloud-computing": "#Cloud",
    "ai-governance": "#KI",
    "machine-learning": "#KI",
    "data-protection": "#Datenschutz",
    "sap-s4hana": "#SAP",
    "recruiting": "#Karriere",
    "it-security": "#Security",
    "employer-branding": "#EmployerBranding",
    "sustainability": "#Nachhaltigkeit",
    "react": "#React",
}

GUIDELINE_DE = (
    "<p>Diese Richtlinie hilft Ihnen, sicher und authentisch über unser Unternehmen zu sprechen.</p>"
    "<ul><li>Sprechen Sie in Ihrem eigenen Namen und mit Ihren eigenen Worten.</li>"
    "<li>Geben Sie keine vertraulichen Informationen weiter: keine Kundennamen ohne Freigabe, keine "
    "Zahlen vor ihrer Veröffentlichung, keine internen Projektnamen.</li>"
    "<li>Kennzeichnen Sie, dass Sie bei uns arbeiten, wenn Sie über uns schreiben.</li>"
    "<li>Bleiben Sie respektvoll, auch bei Kritik. Bei Presseanfragen wenden Sie sich an die "
    "Unternehmenskommunikation.</li></ul>"
)
GUIDELINE_EN = (
    "<p>These guidelines help you speak about our company safely and authentically.</p>"
    "<ul><li>Speak in your own name and in your own words.</li>"
    "<li>Never share confidential information: no customer names without approval, no figures before "
    "they are published, no internal project names.</li>"
    "<li>Say that you work for us when you write about us.</li>"
    "<li>Stay respectful, also when criticised. Refer press enquiries to corporate communications.</li></ul>"
)

RULES = [
    (
        "Interner Projektname Falkenauge",
        RuleKind.WORD,
        "Falkenauge",
        RuleAction.BLOCK,
        "Interne Projektnamen sind vertraulich.",
    ),
    (
        "Unveröffentlichte Zahlen",
        RuleKind.PHRASE,
        "vorläufige Zahlen",
        RuleAction.WARN,
        "Zahlen erst nach der offiziellen Veröffentlichung teilen.",
    ),
    (
        "Streng vertraulich",
        RuleKind.PHRASE,
        "streng vertraulich",
        RuleAction.BLOCK,
        "Als vertraulich markierte Inhalte dürfen nicht geteilt werden.",
    ),
    (
        "IBAN",
        RuleKind.PATTERN,
        r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}\b",
        RuleAction.BLOCK,
        "Bankverbindungen gehören nicht in öffentliche Beiträge.",
    ),
    (
        "Kundennamen ohne Freigabe",
        RuleKind.WORD,
        "Kunde X",
        RuleAction.WARN,
        "Kundennamen nur mit Freigabe der Kundin oder des Kunden nennen.",
    ),
]


def _share_texts(title: str, summary: str, topics: list[str], language: str) -> dict[str, str]:
    tags = " ".join(dict.fromkeys(HASHTAGS[t] for t in topics if t in HASHTAGS))
    if language == "de":
        linkedin = f"{title}\n\n{summary}\n\nWas meint ihr dazu? {tags}".strip()
        mastodon = f"{title} – {summary} {tags}".strip()
        short = f"Lesenswert: {title} {tags}".strip()
    else:
        linkedin = f"{title}\n\n{summary}\n\nWhat do you think? {tags}".strip()
        mastodon = f"{title} – {summary} {tags}".strip()
        short = f"Worth a read: {title} {tags}".strip()
    return {
        "linkedin": linkedin,
        "xing": short[:420],
        "mastodon": mastodon[:500],
        "x": short[:250],
        "facebook": linkedin,
    }


@transaction.atomic
def seed() -> dict[str, int]:
    if ContentItem.objects.filter(slug__startswith="demo-").exists():
        return {"content_items": 0}
    rng = random.Random(7)  # noqa: S311 (demo data)
    now = timezone.now()
    skills = {s.slug: s for s in Skill.objects.all()}
    departments = {d.name: d for d in Department.objects.all()}
    manager = User.objects.filter(role=Role.MANAGER, is_active=True).order_by("id").first()
    reviewer = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id").first() or manager
    employees = list(User.objects.filter(role=Role.EMPLOYEE, is_active=True).order_by("id")[:20])
    munich = Location.objects.filter(name__startswith="München").first()

    items: list[ContentItem] = []
    relations: list[tuple[ContentItem, list[str], list[str]]] = []
    texts: list[ShareText] = []
    for index, (
        key,
        kind,
        topics,
        de_title,
        de_summary,
        en_title,
        en_summary,
        important,
        audience,
    ) in enumerate(STORIES):
        status, expired = STATES.get(key, (ContentStatus.PUBLISHED, False))
        age = timedelta(days=rng.randint(1, 110), hours=rng.randint(0, 23))
        published = now - age if status in (ContentStatus.PUBLISHED, ContentStatus.ARCHIVED) else None
        expires = None
        if expired:
            expires = now - timedelta(days=rng.randint(1, 10))
        elif kind == "event":
            expires = now + timedelta(days=rng.randint(10, 90))
        elif kind == "job":
            expires = now + timedelta(days=rng.randint(20, 120))
        group = None
        for language, title, summary in (("de", de_title, de_summary), ("en", en_title, en_summary)):
            if not title:
                continue
            suggested = key == "ux-research-b2b" and employees
            item = ContentItem(
                slug=f"demo-{key}-{language}",
                kind=kind,
                title=title,
                summary=f"<p>{summary}</p>",
                url=f"{SITE}/{'de' if language == 'de' else 'en'}/{kind}/{key}",
                language=language,
                status=status,
                important=important,
                published_at=published,
                expires_at=expires,
                created_by=manager,
                reviewer=reviewer if status in (ContentStatus.PUBLISHED, ContentStatus.IN_REVIEW) else None,
                suggested_by=employees[index % len(employees)] if suggested else None,
                suggestion_note="Toller Beitrag, den sollten wir teilen!" if suggested else "",
            )
            if group is None:
                group = item.translation_group
            item.translation_group = group
            items.append(item)
            relations.append((item, topics, audience))
            for network, body in _share_texts(title, summary, topics, language).items():
                texts.append(ShareText(content=item, network=network, text=body))
    ContentItem.objects.bulk_create(items)
    for share_text in texts:
        share_text.content_id = share_text.content.pk
    ShareText.objects.bulk_create(texts)
    topic_links, department_links, location_links = [], [], []
    for item, topics, audience in relations:
        topic_links += [
            ContentItem.topics.through(contentitem_id=item.pk, skill_id=skills[slug].pk)
            for slug in topics
            if slug in skills
        ]
        department_links += [
            ContentItem.departments.through(contentitem_id=item.pk, department_id=departments[name].pk)
            for name in audience
            if name in departments
        ]
        if item.kind == ContentKind.EVENT and "muenchen" in item.slug and munich:
            location_links.append(
                ContentItem.locations.through(contentitem_id=item.pk, location_id=munich.pk)
            )
    ContentItem.topics.through.objects.bulk_create(topic_links)
    ContentItem.departments.through.objects.bulk_create(department_links)
    ContentItem.locations.through.objects.bulk_create(location_links)

    in_review = [item for item in items if item.status == ContentStatus.IN_REVIEW]
    ContentComment.objects.bulk_create(
        [
            ContentComment(content=item, author=reviewer, body="Bitte den Teasertext noch kürzen.")
            for item in in_review[:1]
        ]
    )
    if not GuidelineVersion.objects.exists():
        GuidelineVersion.objects.create(
            version=1,
            title_de="Social-Media-Richtlinie",
            title_en="Social media guidelines",
            text_de=GUIDELINE_DE,
            text_en=GUIDELINE_EN,
            published_at=now - timedelta(days=200),
            created_by=manager,
        )
    if not ConfidentialityRule.objects.exists():
        ConfidentialityRule.objects.bulk_create(
            [
                ConfidentialityRule(
                    name=name,
                    kind=kind,
                    value=value,
                    action=action,
                    description=description,
                    created_by=manager,
                )
                for name, kind, value, action, description in RULES
            ]
        )
    return {"content_items": len(items), "share_texts": len(texts)}
