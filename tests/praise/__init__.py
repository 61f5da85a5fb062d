"""Tests of customer praise, the webhook and outreach."""
