"""Feed ingestion shared by blogs, monitoring feeds and company content sources: fetch, parse, page."""
