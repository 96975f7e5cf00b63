"""LinkedIn's data export ("Get a copy of your data"): safe reading of the ZIP and parsing of shares and
articles. LinkedIn's API cannot read a member's posts, so the export is the only way to import them."""
