"""Engagement pulse and team climate check: rounds, anonymous answers, disclosed results."""
