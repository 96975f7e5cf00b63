"""Users, roles, departments, locations, invitations and personal API tokens."""
