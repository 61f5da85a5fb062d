"""The organisation: people, teams and roles, and the admin pages that keep them."""
