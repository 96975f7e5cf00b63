"""One module per network the integrations connect to, on top of the provider clients in `providers/`:
`linkedin` and `mastodon` (connected through the OAuth 2.0 flow in `integrations/oauth.py`), `xing` (no API:
a profile address), `suggestions` (what a connected network offers for the profile), and `tokens` (the
connection state and token helpers the OAuth networks share)."""
