"""Customer praise: intake by form, CSV and signed webhook, and the outreach it asks of leaders."""
