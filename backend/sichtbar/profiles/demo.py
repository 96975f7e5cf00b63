"""Demo data for profiles: a bilingual skill taxonomy and an expert profile for every demo employee, plus
generated colleagues so the directory has a few hundred experts (deterministic: random.Random(42))."""

import random
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from sichtbar.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, _ascii
from sichtbar.accounts.models import Department, Location, Role, User
from sichtbar.core.events import TaxonomyChanged, publish

from .models import (
    LinkKind,
    Profile,
    ProfileLanguage,
    ProfileLink,
    ProfileSkill,
    Skill,
    SkillAlias,
    Visibility,
)

EXTRA_EXPERTS = 240

# (slug, German name, English name, parent slug, aliases)
TAXONOMY: list[tuple[str, str, str, str | None, tuple[str, ...]]] = [
    # Cloud & platform
    ("cloud-computing", "Cloud Computing", "Cloud Computing", None, ("Cloud",)),
    ("cloud-migration", "Cloud-Migration", "Cloud Migration", "cloud-computing", ("Cloud-Umzug",)),
    ("aws", "Amazon Web Services", "Amazon Web Services", "cloud-computing", ("AWS",)),
    ("azure", "Microsoft Azure", "Microsoft Azure", "cloud-computing", ("Azure",)),
    ("gcp", "Google Cloud", "Google Cloud Platform", "cloud-computing", ("GCP",)),
    ("kubernetes", "Kubernetes", "Kubernetes", "cloud-computing", ("K8s", "Kube")),
    ("docker", "Docker", "Docker", "cloud-computing", ("Container", "Containerisierung")),
    ("terraform", "Terraform", "Terraform", "cloud-computing", ("Infrastructure as Code", "IaC")),
    ("devops", "DevOps", "DevOps", "cloud-computing", ()),
    (
        "ci-cd",
        "Continuous Integration und Delivery",
        "Continuous Integration and Delivery",
        "devops",
        ("CI/CD", "Build-Pipelines"),
    ),
    ("linux", "Linux-Administration", "Linux Administration", None, ("Linux",)),
    ("sre", "Site Reliability Engineering", "Site Reliability Engineering", "devops", ("SRE",)),
    (
        "observability",
        "Observability und Monitoring",
        "Observability and Monitoring",
        "devops",
        ("Prometheus", "Grafana"),
    ),
    ("networking", "Netzwerktechnik", "Networking", None, ("TCP/IP",)),
    # Software development
    ("software-development", "Softwareentwicklung", "Software Development", None, ("Programmierung",)),
    ("python", "Python", "Python", "software-development", ()),
    ("java", "Java", "Java", "software-development", ("JVM",)),
    ("javascript", "JavaScript", "JavaScript", "software-development", ("JS", "ECMAScript")),
    ("typescript", "TypeScript", "TypeScript", "software-development", ("TS",)),
    ("react", "React", "React", "javascript", ("React.js", "ReactJS")),
    ("angular", "Angular", "Angular", "javascript", ()),
    ("go", "Go", "Go", "software-development", ("Golang",)),
    ("rust", "Rust", "Rust", "software-development", ()),
    ("csharp", "C#", "C#", "software-development", (".NET", "dotnet")),
    ("kotlin", "Kotlin", "Kotlin", "software-development", ()),
    ("swift", "iOS-Entwicklung", "iOS Development", "software-development", ("Swift",)),
    ("android", "Android-Entwicklung", "Android Development", "software-development", ()),
    ("django", "Django", "Django", "python", ()),
    ("spring", "Spring Boot", "Spring Boot", "java", ("Spring",)),
    (
        "microservices",
        "Microservices",
        "Microservices",
        "software-development",
        ("Microservice-Architektur",),
    ),
    ("api-design", "API-Design", "API Design", "software-development", ("REST", "OpenAPI", "GraphQL")),
    (
        "software-architecture",
        "Softwarearchitektur",
        "Software Architecture",
        "software-development",
        ("Architektur",),
    ),
    (
        "testing",
        "Testautomatisierung",
        "Test Automation",
        "software-development",
        ("Qualitätssicherung", "QA"),
    ),
    ("frontend", "Frontend-Entwicklung", "Frontend Development", "software-development", ()),
    (
        "accessibility",
        "Barrierefreiheit",
        "Accessibility",
        "frontend",
        ("a11y", "BITV", "WCAG", "Screenreader", "barrierefrei"),
    ),
    (
        "ux-design",
        "UX-Design",
        "UX Design",
        None,
        ("User Experience", "Nutzererlebnis", "Benutzerfreundlichkeit", "usability"),
    ),
    ("ui-design", "UI-Design", "UI Design", "ux-design", ("Interface-Design",)),
    ("user-research", "Nutzerforschung", "User Research", "ux-design", ("Usability-Tests",)),
    # Data & AI
    ("data-science", "Data Science", "Data Science", None, ("Datenwissenschaft",)),
    ("machine-learning", "Maschinelles Lernen", "Machine Learning", "data-science", ("ML",)),
    ("deep-learning", "Deep Learning", "Deep Learning", "machine-learning", ("neuronale Netze",)),
    (
        "generative-ai",
        "Generative KI",
        "Generative AI",
        "machine-learning",
        ("GenAI", "Large Language Models", "LLM", "ChatGPT"),
    ),
    ("nlp", "Sprachverarbeitung", "Natural Language Processing", "machine-learning", ("NLP", "Textanalyse")),
    ("computer-vision", "Bildverarbeitung", "Computer Vision", "machine-learning", ("Bilderkennung",)),
    ("ai-governance", "KI-Governance", "AI Governance", "data-science", ("AI Act", "KI-Verordnung")),
    ("data-engineering", "Data Engineering", "Data Engineering", "data-science", ("ETL", "Datenpipelines")),
    (
        "sql",
        "SQL und Datenbanken",
        "SQL and Databases",
        "data-engineering",
        ("SQL", "PostgreSQL", "Datenbank", "database"),
    ),
    ("spark", "Apache Spark", "Apache Spark", "data-engineering", ("Spark", "PySpark")),
    ("bi", "Business Intelligence", "Business Intelligence", "data-science", ("BI", "Reporting")),
    ("power-bi", "Power BI", "Power BI", "bi", ()),
    ("tableau", "Tableau", "Tableau", "bi", ()),
    ("statistics", "Statistik", "Statistics", "data-science", ()),
    ("data-visualisation", "Datenvisualisierung", "Data Visualisation", "bi", ("Dashboards",)),
    # Security & privacy
    (
        "it-security",
        "IT-Sicherheit",
        "IT Security",
        None,
        (
            "Informationssicherheit",
            "Cybersecurity",
            "Hackerangriff",
            "Cyberangriff",
            "Phishing",
            "Ransomware",
        ),
    ),
    ("penetration-testing", "Penetrationstests", "Penetration Testing", "it-security", ("Pentest",)),
    ("iso-27001", "ISO 27001", "ISO 27001", "it-security", ("ISMS",)),
    (
        "identity-management",
        "Identitätsmanagement",
        "Identity and Access Management",
        "it-security",
        ("IAM", "Single Sign-On", "SSO"),
    ),
    ("cloud-security", "Cloud-Sicherheit", "Cloud Security", "it-security", ()),
    (
        "incident-response",
        "Incident Response",
        "Incident Response",
        "it-security",
        ("Notfallmanagement", "Sicherheitsvorfall", "security incident"),
    ),
    (
        "data-protection",
        "Datenschutz",
        "Data Protection",
        None,
        ("DSGVO", "GDPR", "Privacy", "Datenleck", "data breach", "Cookie-Banner", "personenbezogene Daten"),
    ),
    (
        "data-protection-officer",
        "Datenschutzberatung",
        "Privacy Consulting",
        "data-protection",
        ("Datenschutzbeauftragter",),
    ),
    # ERP
    ("sap", "SAP", "SAP", None, ()),
    ("sap-s4hana", "SAP S/4HANA", "SAP S/4HANA", "sap", ("S/4HANA", "S4", "S4HANA")),
    ("sap-fico", "SAP FI/CO", "SAP FI/CO", "sap", ("FICO",)),
    ("sap-basis", "SAP Basis", "SAP Basis", "sap", ()),
    ("sap-abap", "ABAP-Entwicklung", "ABAP Development", "sap", ("ABAP",)),
    ("erp-consulting", "ERP-Beratung", "ERP Consulting", None, ("ERP",)),
    ("salesforce", "Salesforce", "Salesforce", None, ("SFDC",)),
    # Finance & controlling
    ("finance", "Finanzwesen", "Finance", None, ()),
    ("controlling", "Controlling", "Controlling", "finance", ("Management Accounting",)),
    (
        "accounting",
        "Buchhaltung",
        "Accounting",
        "finance",
        ("Finanzbuchhaltung", "Rechnungswesen", "Rechnungen", "invoices", "bookkeeping"),
    ),
    ("ifrs", "IFRS-Bilanzierung", "IFRS Reporting", "accounting", ("IFRS",)),
    ("hgb", "HGB-Abschluss", "German GAAP (HGB)", "accounting", ("HGB", "Jahresabschluss")),
    (
        "tax-law",
        "Steuerrecht",
        "Tax Law",
        "finance",
        ("Steuern", "Umsatzsteuer", "Steuererklärung", "Steuerberatung", "tax return", "taxes"),
    ),
    ("treasury", "Treasury", "Treasury", "finance", ("Liquiditätsplanung",)),
    (
        "mergers-acquisitions",
        "Mergers & Acquisitions",
        "Mergers & Acquisitions",
        "finance",
        ("M&A", "Firmenübernahme", "Unternehmenskauf", "acquisition"),
    ),
    (
        "esg-reporting",
        "Nachhaltigkeitsberichterstattung",
        "Sustainability Reporting",
        "finance",
        ("ESG", "CSRD"),
    ),
    (
        "financial-planning",
        "Finanzplanung",
        "Financial Planning",
        "controlling",
        ("Budgetierung", "Forecast", "Budget", "budgeting"),
    ),
    # Legal
    ("law", "Recht", "Law", None, ("Rechtsberatung",)),
    (
        "labour-law",
        "Arbeitsrecht",
        "Labour Law",
        "law",
        (
            "Betriebsverfassungsrecht",
            "Arbeitsvertrag",
            "Kündigung",
            "Abmahnung",
            "employment contract",
            "dismissal",
        ),
    ),
    (
        "contract-law",
        "Vertragsrecht",
        "Contract Law",
        "law",
        ("Vertragsgestaltung", "Vertrag", "Verträge", "contract", "contracts", "AGB"),
    ),
    ("it-law", "IT-Recht", "IT Law", "law", ("Softwarelizenzen", "Lizenzvertrag", "software licence")),
    ("compliance", "Compliance", "Compliance", "law", ("Hinweisgeberschutz",)),
    ("competition-law", "Kartellrecht", "Competition Law", "law", ("Wettbewerbsrecht",)),
    (
        "intellectual-property",
        "Gewerblicher Rechtsschutz",
        "Intellectual Property",
        "law",
        ("Patente", "Markenrecht", "IP"),
    ),
    # Marketing & communications
    ("marketing", "Marketing", "Marketing", None, ()),
    ("content-marketing", "Content-Marketing", "Content Marketing", "marketing", ()),
    ("seo", "Suchmaschinenoptimierung", "Search Engine Optimisation", "marketing", ("SEO",)),
    ("sea", "Suchmaschinenwerbung", "Search Engine Advertising", "marketing", ("SEA", "Google Ads")),
    (
        "social-media",
        "Social-Media-Marketing",
        "Social Media Marketing",
        "marketing",
        ("Social Media", "LinkedIn-Marketing"),
    ),
    ("employer-branding", "Employer Branding", "Employer Branding", "marketing", ("Arbeitgebermarke",)),
    (
        "public-relations",
        "Pressearbeit",
        "Public Relations",
        "marketing",
        (
            "PR",
            "Medienarbeit",
            "Presse",
            "press",
            "Pressemitteilung",
            "press release",
            "Journalisten",
            "journalists",
        ),
    ),
    (
        "corporate-communications",
        "Unternehmenskommunikation",
        "Corporate Communications",
        "marketing",
        ("Interne Kommunikation",),
    ),
    ("crisis-communication", "Krisenkommunikation", "Crisis Communication", "corporate-communications", ()),
    ("brand-management", "Markenführung", "Brand Management", "marketing", ("Branding",)),
    (
        "marketing-automation",
        "Marketing-Automatisierung",
        "Marketing Automation",
        "marketing",
        ("HubSpot", "CRM-Kampagnen"),
    ),
    ("copywriting", "Texten", "Copywriting", "content-marketing", ("Redaktion",)),
    (
        "video-production",
        "Videoproduktion",
        "Video Production",
        "content-marketing",
        ("Imagefilm", "Erklärvideo"),
    ),
    (
        "event-management",
        "Eventmanagement",
        "Event Management",
        "marketing",
        ("Veranstaltungen", "Messen", "Konferenz", "conference"),
    ),
    # HR
    ("hr", "Personalwesen", "Human Resources", None, ("HR",)),
    (
        "recruiting",
        "Recruiting",
        "Recruiting",
        "hr",
        (
            "Personalgewinnung",
            "Talent Acquisition",
            "Bewerbungsgespräch",
            "Vorstellungsgespräch",
            "job interview",
            "hiring",
        ),
    ),
    ("active-sourcing", "Active Sourcing", "Active Sourcing", "recruiting", ()),
    ("people-development", "Personalentwicklung", "Learning and Development", "hr", ("L&D", "Weiterbildung")),
    ("leadership", "Führung", "Leadership", None, ("Mitarbeiterführung",)),
    (
        "change-management",
        "Change-Management",
        "Change Management",
        "leadership",
        ("Veränderungsmanagement",),
    ),
    ("coaching", "Coaching", "Coaching", "leadership", ("Mentoring",)),
    ("payroll", "Entgeltabrechnung", "Payroll", "hr", ("Lohnabrechnung", "Gehaltsabrechnung", "salary")),
    ("diversity", "Vielfalt und Inklusion", "Diversity and Inclusion", "hr", ("Diversity", "DEI")),
    (
        "works-council",
        "Betriebsratsarbeit",
        "Works Council Relations",
        "hr",
        ("Mitbestimmung", "Betriebsrat", "Betriebsvereinbarung"),
    ),
    # Sales & customers
    ("sales", "Vertrieb", "Sales", None, ("Verkauf",)),
    ("key-account-management", "Key-Account-Management", "Key Account Management", "sales", ("KAM",)),
    ("b2b-sales", "B2B-Vertrieb", "B2B Sales", "sales", ()),
    ("presales", "Presales", "Presales", "sales", ("Lösungsberatung",)),
    ("negotiation", "Verhandlungsführung", "Negotiation", "sales", ()),
    ("crm", "CRM", "Customer Relationship Management", "sales", ("Kundenbeziehungsmanagement",)),
    (
        "customer-service",
        "Kundenservice",
        "Customer Service",
        None,
        ("Kundensupport", "Support", "Hotline", "Kundenanfragen"),
    ),
    ("customer-success", "Customer Success", "Customer Success", "customer-service", ()),
    ("complaint-management", "Beschwerdemanagement", "Complaint Management", "customer-service", ()),
    # Product & projects
    ("product-management", "Produktmanagement", "Product Management", None, ("Product Owner",)),
    ("agile", "Agile Methoden", "Agile Methods", "product-management", ("Scrum", "Kanban")),
    ("project-management", "Projektmanagement", "Project Management", None, ("PMP", "Prince2")),
    (
        "requirements-engineering",
        "Anforderungsmanagement",
        "Requirements Engineering",
        "product-management",
        ("Requirements",),
    ),
    (
        "innovation-management",
        "Innovationsmanagement",
        "Innovation Management",
        "product-management",
        ("Design Thinking",),
    ),
    (
        "sustainability",
        "Nachhaltigkeit",
        "Sustainability",
        None,
        ("Klimaschutz", "CO2-Bilanz", "CO2-Fußabdruck", "carbon footprint"),
    ),
    ("supply-chain", "Lieferkettenmanagement", "Supply Chain Management", None, ("Logistik", "Einkauf")),
    (
        "public-speaking",
        "Vorträge und Moderation",
        "Public Speaking",
        None,
        ("Keynotes", "Moderation", "Vortrag", "Vorträge", "talk", "keynote speaker"),
    ),
]

# Archetypes: department, German and English headlines, core skills, optional skills, bio sentences.
ARCHETYPES: list[dict[str, Any]] = [
    {
        "department": "Cloud & Plattform",
        "headline": ("Cloud-Architekt:in", "Cloud Architect"),
        "core": ["cloud-migration", "kubernetes", "aws", "terraform"],
        "optional": ["azure", "gcp", "docker", "devops", "cloud-security", "linux", "microservices"],
        "de": "Ich begleite Unternehmen bei der Migration ihrer Anwendungen in die Cloud und betreibe "
        "Plattformen auf {s0} und {s1}.",
        "en": "I help companies migrate their applications to the cloud and run platforms on {s0} and {s1}.",
    },
    {
        "department": "Cloud & Plattform",
        "headline": ("Platform Engineer", "Platform Engineer"),
        "core": ["kubernetes", "devops", "ci-cd", "observability"],
        "optional": ["docker", "sre", "linux", "go", "terraform", "networking"],
        "de": "Ich baue Build-Pipelines und eine interne Entwicklerplattform mit {s0} und {s1}.",
        "en": "I build delivery pipelines and an internal developer platform with {s0} and {s1}.",
    },
    {
        "department": "Forschung & Entwicklung",
        "headline": ("Softwareentwickler:in Backend", "Backend Software Engineer"),
        "core": ["python", "java", "api-design", "microservices"],
        "optional": ["django", "spring", "go", "kotlin", "sql", "software-architecture", "testing", "rust"],
        "de": "Ich entwickle robuste Backends und Schnittstellen, am liebsten mit {s0} und {s1}.",
        "en": "I develop robust backends and APIs, preferably with {s0} and {s1}.",
    },
    {
        "department": "Forschung & Entwicklung",
        "headline": ("Frontend-Entwickler:in", "Frontend Developer"),
        "core": ["javascript", "typescript", "react", "frontend"],
        "optional": ["angular", "accessibility", "ui-design", "testing", "swift", "android"],
        "de": "Ich entwickle barrierearme Weboberflächen mit {s0} und {s1}.",
        "en": "I build accessible web interfaces with {s0} and {s1}.",
    },
    {
        "department": "Produktmanagement",
        "headline": ("UX-Designer:in", "UX Designer"),
        "core": ["ux-design", "user-research", "ui-design"],
        "optional": ["accessibility", "innovation-management", "frontend", "product-management"],
        "de": "Ich gestalte digitale Produkte nutzerzentriert: Interviews, Prototypen, {s0} und {s1}.",
        "en": "I design digital products around their users: interviews, prototypes, {s0} and {s1}.",
    },
    {
        "department": "Data & KI",
        "headline": ("Data Scientist", "Data Scientist"),
        "core": ["machine-learning", "python", "statistics", "data-science"],
        "optional": ["deep-learning", "nlp", "computer-vision", "generative-ai", "spark", "sql"],
        "de": "Ich entwickle Prognosemodelle und bringe Maschinelles Lernen in die Produktion, "
        "mit {s0} und {s1}.",
        "en": "I build forecasting models and take machine learning to production with {s0} and {s1}.",
    },
    {
        "department": "Data & KI",
        "headline": ("KI-Berater:in", "AI Consultant"),
        "core": ["generative-ai", "nlp", "ai-governance"],
        "optional": ["machine-learning", "data-protection", "python", "change-management"],
        "de": "Ich berate Fachbereiche beim Einsatz generativer KI und bei der KI-Verordnung; "
        "Schwerpunkt {s0}.",
        "en": "I advise business units on using generative AI and on the EU AI Act; focus on {s0}.",
    },
    {
        "department": "Data & KI",
        "headline": ("Data Engineer", "Data Engineer"),
        "core": ["data-engineering", "sql", "spark"],
        "optional": ["python", "bi", "power-bi", "cloud-computing", "data-visualisation"],
        "de": "Ich baue Datenpipelines und ein Data Warehouse, vor allem mit {s0} und {s1}.",
        "en": "I build data pipelines and a data warehouse, mostly with {s0} and {s1}.",
    },
    {
        "department": "Finanzen & Controlling",
        "headline": ("Controller:in", "Financial Controller"),
        "core": ["controlling", "financial-planning", "bi"],
        "optional": ["power-bi", "sap-fico", "accounting", "esg-reporting", "treasury"],
        "de": "Ich verantworte Budgetplanung und Reporting und arbeite mit {s0} und {s1}.",
        "en": "I own budgeting and reporting and work with {s0} and {s1}.",
    },
    {
        "department": "Finanzen & Controlling",
        "headline": ("Bilanzbuchhalter:in", "Chartered Accountant"),
        "core": ["accounting", "hgb", "ifrs", "tax-law"],
        "optional": ["sap-fico", "treasury", "esg-reporting", "mergers-acquisitions"],
        "de": "Ich erstelle Jahresabschlüsse nach HGB und IFRS und kenne mich im Steuerrecht aus.",
        "en": "I prepare annual accounts under German GAAP and IFRS and know my way around tax law.",
    },
    {
        "department": "Finanzen & Controlling",
        "headline": ("SAP-Berater:in Finanzen", "SAP Finance Consultant"),
        "core": ["sap-s4hana", "sap-fico", "erp-consulting"],
        "optional": ["sap", "sap-abap", "sap-basis", "accounting", "project-management"],
        "de": "Ich führe SAP S/4HANA im Finanzwesen ein und migriere Altsysteme; Schwerpunkt {s0}.",
        "en": "I implement SAP S/4HANA in finance and migrate legacy systems; focus on {s0}.",
    },
    {
        "department": "Recht & Datenschutz",
        "headline": ("Datenschutzberater:in", "Privacy Consultant"),
        "core": ["data-protection", "data-protection-officer", "compliance"],
        "optional": ["it-law", "ai-governance", "iso-27001", "contract-law"],
        "de": "Ich berate zur DSGVO, prüfe Auftragsverarbeitungsverträge und schule Teams zu {s0}.",
        "en": "I advise on GDPR, review data processing agreements and train teams on {s0}.",
    },
    {
        "department": "Recht & Datenschutz",
        "headline": ("Syndikusrechtsanwält:in", "In-house Counsel"),
        "core": ["law", "contract-law", "labour-law"],
        "optional": ["it-law", "competition-law", "intellectual-property", "compliance", "works-council"],
        "de": "Ich gestalte Verträge und berate Führungskräfte im Arbeitsrecht und zu {s0}.",
        "en": "I draft contracts and advise managers on labour law and {s0}.",
    },
    {
        "department": "Recht & Datenschutz",
        "headline": ("IT-Sicherheitsexpert:in", "IT Security Specialist"),
        "core": ["it-security", "iso-27001", "incident-response"],
        "optional": ["penetration-testing", "identity-management", "cloud-security", "networking"],
        "de": "Ich baue unser ISMS nach ISO 27001 auf und leite Übungen zur Reaktion auf "
        "Sicherheitsvorfälle.",
        "en": "I build our ISMS to ISO 27001 and run incident response exercises.",
    },
    {
        "department": "Marketing & Kommunikation",
        "headline": ("Content-Marketing-Manager:in", "Content Marketing Manager"),
        "core": ["content-marketing", "seo", "copywriting", "social-media"],
        "optional": ["video-production", "marketing-automation", "sea", "brand-management"],
        "de": "Ich plane Inhalte, schreibe Texte und sorge mit {s0} für Reichweite.",
        "en": "I plan content, write copy and grow reach with {s0}.",
    },
    {
        "department": "Marketing & Kommunikation",
        "headline": ("Pressesprecher:in", "Press Officer"),
        "core": ["public-relations", "corporate-communications", "crisis-communication"],
        "optional": ["public-speaking", "social-media", "copywriting", "employer-branding"],
        "de": "Ich bin Ansprechpartner:in für Journalist:innen und koordiniere die Krisenkommunikation.",
        "en": "I am the contact for journalists and coordinate crisis communication.",
    },
    {
        "department": "Marketing & Kommunikation",
        "headline": ("Employer-Branding-Manager:in", "Employer Branding Manager"),
        "core": ["employer-branding", "social-media", "event-management"],
        "optional": ["recruiting", "video-production", "brand-management", "content-marketing"],
        "de": "Ich mache unsere Arbeitgebermarke sichtbar: Karriereseite, Messen und {s0}.",
        "en": "I make our employer brand visible: careers site, fairs and {s0}.",
    },
    {
        "department": "Personal & Recruiting",
        "headline": ("Recruiter:in", "Recruiter"),
        "core": ["recruiting", "active-sourcing", "employer-branding"],
        "optional": ["diversity", "social-media", "negotiation", "hr"],
        "de": "Ich finde Entwickler:innen und Fachkräfte, vor allem über {s0}.",
        "en": "I find developers and specialists, mostly through {s0}.",
    },
    {
        "department": "Personal & Recruiting",
        "headline": ("HR Business Partner", "HR Business Partner"),
        "core": ["hr", "labour-law", "change-management", "people-development"],
        "optional": ["works-council", "payroll", "coaching", "leadership", "diversity"],
        "de": "Ich begleite Führungskräfte in Personalfragen, Veränderungsprozessen und zu {s0}.",
        "en": "I support managers on people matters, change and {s0}.",
    },
    {
        "department": "Vertrieb DACH",
        "headline": ("Key Account Manager:in", "Key Account Manager"),
        "core": ["key-account-management", "b2b-sales", "negotiation"],
        "optional": ["crm", "salesforce", "presales", "public-speaking"],
        "de": "Ich betreue Großkunden in der DACH-Region und verhandle Rahmenverträge.",
        "en": "I manage key accounts in the DACH region and negotiate framework agreements.",
    },
    {
        "department": "Vertrieb DACH",
        "headline": ("Presales-Berater:in", "Presales Consultant"),
        "core": ["presales", "cloud-computing", "b2b-sales"],
        "optional": ["sap-s4hana", "software-architecture", "public-speaking", "salesforce"],
        "de": "Ich zeige Kunden in Workshops, wie unsere Lösungen ihre Probleme lösen, oft zu {s0}.",
        "en": "I show customers in workshops how our solutions solve their problems, often around {s0}.",
    },
    {
        "department": "Kundenservice",
        "headline": ("Customer-Success-Manager:in", "Customer Success Manager"),
        "core": ["customer-success", "customer-service", "crm"],
        "optional": ["complaint-management", "salesforce", "project-management", "coaching"],
        "de": "Ich sorge dafür, dass unsere Kunden erfolgreich sind, und kümmere mich um {s0}.",
        "en": "I make sure our customers succeed and take care of {s0}.",
    },
    {
        "department": "Produktmanagement",
        "headline": ("Produktmanager:in", "Product Manager"),
        "core": ["product-management", "agile", "requirements-engineering"],
        "optional": ["innovation-management", "ux-design", "project-management", "sustainability"],
        "de": "Ich verantworte eine Produktlinie, arbeite mit Scrum und liebe {s0}.",
        "en": "I own a product line, work with Scrum and love {s0}.",
    },
    {
        "department": "Produktmanagement",
        "headline": ("Projektleiter:in", "Project Lead"),
        "core": ["project-management", "agile", "change-management"],
        "optional": ["supply-chain", "sap-s4hana", "leadership", "sustainability"],
        "de": "Ich leite Transformationsprojekte und bringe Fachbereiche und IT zusammen.",
        "en": "I lead transformation projects and bring business and IT together.",
    },
    {
        "department": "Produktmanagement",
        "headline": ("Nachhaltigkeitsmanager:in", "Sustainability Manager"),
        "core": ["sustainability", "esg-reporting", "supply-chain"],
        "optional": ["compliance", "project-management", "data-visualisation"],
        "de": "Ich erstelle unsere CO2-Bilanz und bereite den Nachhaltigkeitsbericht nach CSRD vor.",
        "en": "I compile our carbon footprint and prepare the CSRD sustainability report.",
    },
]

FIRST_NAMES = [
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Eva",
    "Finn",
    "Greta",
    "Hannes",
    "Ines",
    "Jakob",
    "Kira",
    "Leon",
    "Mara",
    "Niklas",
    "Olivia",
    "Philipp",
    "Rosa",
    "Samuel",
    "Tanja",
    "Ulrich",
    "Vera",
    "Wolfgang",
    "Yara",
    "Zoe",
    "Ahmet",
    "Bianca",
    "Cem",
    "Dana",
    "Emil",
    "Frieda",
    "Georg",
    "Helena",
    "Ivan",
    "Jule",
    "Karim",
    "Lotte",
    "Malte",
    "Nora",
    "Oskar",
    "Paula",
    "Quentin",
    "Ronja",
    "Sven",
    "Theresa",
    "Valentin",
    "Wiebke",
]
LAST_NAMES = [
    "Albrecht",
    "Bauer",
    "Dietrich",
    "Engel",
    "Franke",
    "Günther",
    "Haas",
    "Jung",
    "Kühn",
    "Ludwig",
    "Martin",
    "Otto",
    "Peters",
    "Roth",
    "Sauer",
    "Thiel",
    "Ulrich",
    "Voigt",
    "Walter",
    "Ziegler",
    "Arslan",
    "Brandt",
    "Conrad",
    "Dorn",
    "Eckert",
    "Fuchs",
    "Hahn",
    "Horn",
    "Kraus",
    "Lorenz",
    "Mayer",
    "Nagel",
    "Pohl",
    "Reuter",
    "Seidel",
    "Stein",
    "Winkler",
    "Böhm",
    "Pavlović",
    "Yıldız",
    "Marino",
    "Novak",
]
LANGUAGE_CHOICES = [
    ("en", "C1"),
    ("fr", "B2"),
    ("es", "B1"),
    ("tr", "native"),
    ("pl", "native"),
    ("it", "B2"),
]

# Hand-written profiles for the demo logins (the people you can sign in as).
SHOWCASE: dict[str, dict[str, Any]] = {
    "lena.hoffmann": {
        "headline": (
            "Cloud-Architektin für Kubernetes und Cloud-Migration",
            "Cloud architect for Kubernetes and cloud migration",
        ),
        "bio": (
            "<p>Seit acht Jahren bringe ich Anwendungen in die Cloud. Ich leite unsere "
            "Kubernetes-Plattform und spreche gern auf Konferenzen über Cloud-Migration.</p>",
            "<p>For eight years I have been moving applications to the cloud. I lead our Kubernetes "
            "platform and enjoy speaking at conferences about cloud migration.</p>",
        ),
        "skills": {"kubernetes": 5, "cloud-migration": 5, "aws": 4, "terraform": 4, "public-speaking": 3},
        "press": True,
    },
    "markus.weber": {
        "headline": ("Leiter Unternehmenskommunikation", "Head of Corporate Communications"),
        "bio": (
            "<p>Ich verantworte Presse, Social Media und interne Kommunikation.</p>",
            "<p>I am responsible for press, social media and internal communications.</p>",
        ),
        "skills": {
            "corporate-communications": 5,
            "public-relations": 5,
            "crisis-communication": 4,
            "social-media": 4,
        },
        "press": True,
    },
    "sabine.krueger": {
        "headline": ("Personalleiterin", "Head of HR"),
        "bio": (
            "<p>Arbeitsrecht, Betriebsrat, Personalentwicklung.</p>",
            "<p>Labour law, works council, people development.</p>",
        ),
        "skills": {"hr": 5, "labour-law": 4, "works-council": 5, "people-development": 4},
        "press": False,
    },
}


def _taxonomy() -> dict[str, Skill]:
    existing = {s.slug: s for s in Skill.objects.all()}
    new = [
        Skill(slug=slug, name_de=de, name_en=en)
        for slug, de, en, _parent, _aliases in TAXONOMY
        if slug not in existing
    ]
    Skill.objects.bulk_create(new)
    skills = {s.slug: s for s in Skill.objects.all()}
    for slug, _de, _en, parent, _aliases in TAXONOMY:
        if parent and skills[slug].parent_id is None:
            skills[slug].parent = skills[parent]
            skills[slug].save(update_fields=["parent"])
    known = {a.lower() for a in SkillAlias.objects.values_list("name", flat=True)}
    aliases = []
    for slug, _de, _en, _parent, names in TAXONOMY:
        for name in names:
            if name.lower() not in known:
                known.add(name.lower())
                aliases.append(SkillAlias(skill=skills[slug], name=name))
    SkillAlias.objects.bulk_create(aliases)
    changed = {skills[skill.slug].pk for skill in new} | {alias.skill_id for alias in aliases}
    if changed:  # like every taxonomy change: running processes reload their cached taxonomy at once
        publish(TaxonomyChanged(skill_ids=sorted(changed)))
    return skills


def _visibility(rng: random.Random) -> dict[str, Any]:
    """Most profiles public and published; some noindex, some internal only, a few private sections."""
    roll = rng.random()
    if roll < 0.62:
        basics, published = Visibility.PUBLIC, True
    elif roll < 0.74:
        basics, published = Visibility.PUBLIC_NOINDEX, True
    elif roll < 0.92:
        basics, published = Visibility.INTERNAL, rng.random() < 0.5
    else:
        basics, published = Visibility.PUBLIC, False  # not published yet: colleagues only
    fields: dict[str, Any] = {"visibility_basics": basics, "is_published": published}
    for section in ("bio", "skills", "languages", "links", "availability"):
        r = rng.random()
        fields[f"visibility_{section}"] = (
            Visibility.PRIVATE if r < 0.06 else Visibility.INTERNAL if r < 0.2 else basics
        )
    return fields


def _slug(first: str, last: str, taken: set[str]) -> str:
    base = f"{_ascii(first)}-{_ascii(last)}"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


@transaction.atomic
def seed() -> dict[str, int]:
    rng = random.Random(42)  # noqa: S311  (demo data, not security)
    skills = _taxonomy()
    departments = {d.name: d for d in Department.objects.all()}
    locations = list(Location.objects.order_by("id"))
    now = timezone.now()

    # Extra colleagues, so the directory has a few hundred experts.
    existing_emails = set(User.objects.values_list("email", flat=True))
    password = make_password(DEMO_PASSWORD)
    extra_users = []
    for i in range(EXTRA_EXPERTS):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{_ascii(first)}.{_ascii(last)}.{i}@{DEMO_DOMAIN}"
        archetype = ARCHETYPES[i % len(ARCHETYPES)]
        if email in existing_emails:
            continue
        extra_users.append(
            User(
                email=email,
                first_name=first,
                last_name=last,
                role=Role.EMPLOYEE,
                department=departments.get(archetype["department"]),
                location=rng.choices(locations, weights=[8, 5, 4, 3, 3, 2, 2][: len(locations)])[0]
                if locations
                else None,
                password=password,
                date_joined=now - timedelta(days=rng.randint(30, 400)),  # as in accounts.demo
            )
        )
    User.objects.bulk_create(extra_users)

    have_profile = set(Profile.objects.values_list("user_id", flat=True))
    taken = set(Profile.objects.values_list("slug", flat=True))
    users = list(User.objects.filter(is_active=True).exclude(id__in=have_profile).order_by("id"))
    # Archetypes go by a user's place among all users, not by the raw id: the same demo on any database,
    # also one whose id sequences have moved on (its search vectors ship with the code, search/demo.py).
    first_id = User.objects.order_by("id").values_list("id", flat=True).first() or 1
    by_department: dict[str, list[dict[str, Any]]] = {}
    for archetype in ARCHETYPES:
        by_department.setdefault(archetype["department"], []).append(archetype)

    profiles: list[Profile] = []
    plans: list[tuple[dict[str, int], list[tuple[str, str]], list[tuple[str, str]], list[str]]] = []
    for user in users:
        key = user.email.split("@")[0]
        showcase = SHOWCASE.get(key)
        department_name = user.department.name if user.department else ""
        candidates = by_department.get(department_name) or ARCHETYPES
        archetype = candidates[(user.id - first_id + 1) % len(candidates)]
        if showcase:
            skill_levels: dict[str, int] = dict(showcase["skills"])
            headline_de, headline_en = showcase["headline"]
            bio_de, bio_en = showcase["bio"]
            fields: dict[str, Any] = {
                f"visibility_{s}": Visibility.PUBLIC
                for s in ("basics", "bio", "skills", "languages", "links", "availability")
            }
            fields["is_published"] = True
            press = showcase["press"]
        else:
            core = list(archetype["core"])
            rng.shuffle(core)
            chosen = core[: rng.randint(2, len(core))]
            chosen += rng.sample(archetype["optional"], k=min(len(archetype["optional"]), rng.randint(1, 3)))
            skill_levels = {}
            for index, slug in enumerate(chosen):
                top = 5 if index < 2 else 4
                skill_levels[slug] = rng.randint(2 if index < 2 else 1, top)
            if rng.random() < 0.3:
                skill_levels.setdefault(rng.choice(TAXONOMY)[0], rng.randint(1, 2))
            names = [skills[s] for s in chosen]
            headline_de, headline_en = archetype["headline"]
            if rng.random() < 0.5:
                headline_de += f" · {names[0].name_de}"
                headline_en += f" · {names[0].name_en}"
            s0, s1 = names[0], names[1 if len(names) > 1 else 0]
            bio_de = "<p>" + archetype["de"].format(s0=s0.name_de, s1=s1.name_de) + "</p>"
            bio_en = "<p>" + archetype["en"].format(s0=s0.name_en, s1=s1.name_en) + "</p>"
            if rng.random() < 0.4:
                bio_de += f"<p>Außerdem interessiere ich mich für {skills[chosen[-1]].name_de}.</p>"
                bio_en += f"<p>I am also interested in {skills[chosen[-1]].name_en}.</p>"
            fields = _visibility(rng)
            press = rng.random() < 0.15
        languages = [("de", "native")]
        if rng.random() < 0.85:
            languages.append(("en", rng.choice(["C2", "C1", "B2"])))
        if rng.random() < 0.25:
            languages.append(rng.choice(LANGUAGE_CHOICES[1:]))
        slug = _slug(user.first_name, user.last_name, taken)
        links: list[tuple[str, str]] = [(LinkKind.LINKEDIN, f"https://www.linkedin.com/in/{slug}")]
        if rng.random() < 0.5:
            links.append((LinkKind.XING, f"https://www.xing.com/profile/{slug.replace('-', '_')}"))
        if rng.random() < 0.2:
            links.append((LinkKind.BLOG, f"https://blog.sichtbar.example/{slug}"))
        topics = [s for s, level in skill_levels.items() if level >= 4][:2]
        profiles.append(
            Profile(
                user=user,
                slug=slug,
                headline_de=headline_de,
                headline_en=headline_en,
                bio_de=bio_de,
                bio_en=bio_en,
                available_for_press=press,
                available_for_talks=rng.random() < 0.3,
                available_for_customers=rng.random() < 0.35,
                available_for_mentoring=rng.random() < 0.25,
                availability_note="",
                published_at=now - timedelta(days=rng.randint(1, 400)) if fields["is_published"] else None,
                search_dirty=True,
                **fields,
            )
        )
        plans.append((skill_levels, [(c, lv) for c, lv in dict(languages).items()], links, topics))
    Profile.objects.bulk_create(profiles)
    created = {p.user_id: p for p in Profile.objects.filter(user_id__in=[u.id for u in users])}
    profile_skills, profile_languages, profile_links, topic_rows = [], [], [], []
    through = Profile.availability_topics.through
    for user, (skill_levels, languages, links, topics) in zip(users, plans, strict=True):
        profile = created[user.id]
        for slug, level in skill_levels.items():
            profile_skills.append(
                ProfileSkill(
                    profile=profile,
                    skill=skills[slug],
                    level=level,
                    ask_me_about=level >= 4 and rng.random() < 0.5,
                    can_mentor=level >= 4 and rng.random() < 0.3,
                    interest=level <= 2 and rng.random() < 0.5,
                )
            )
        profile_languages += [ProfileLanguage(profile=profile, code=c, level=lv) for c, lv in languages]
        profile_links += [ProfileLink(profile=profile, kind=k, url=u) for k, u in links]
        topic_rows += [through(profile_id=profile.id, skill_id=skills[s].id) for s in topics]
    ProfileSkill.objects.bulk_create(profile_skills)
    ProfileLanguage.objects.bulk_create(profile_languages)
    ProfileLink.objects.bulk_create(profile_links)
    through.objects.bulk_create(topic_rows)
    return {"skills": len(skills), "profiles": Profile.objects.count(), "created_profiles": len(profiles)}
