"""Base models, application errors, the update helper and cross-cutting views (SPA, health)."""
