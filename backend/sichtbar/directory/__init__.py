"""The directory's public face: public profiles, SEO (JSON-LD, sitemap), contact requests, triage."""
