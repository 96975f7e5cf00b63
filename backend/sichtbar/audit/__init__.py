"""The audit log: who among managers and admins changed what, and when."""
