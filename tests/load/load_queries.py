"""The public-search queries of the load tests (stack_locustfile.py and open_loop.py): skills, synonyms,
a typo, a compound, a German noun and browsing without a query."""

QUERIES = [
    "Kubernetes",
    "Cloud-Migration",
    "Steuerrecht",
    "Datenschutz",
    "K8s",
    "Python",
    "Maschinelles Lernen",
    "SAP",
    "Presse",
    "kubernets",
    "Vertrieb",
    "Recruiting",
    "",
]
