"""Privacy operations: a person's data export and erasure across every app, consent records, retention."""
