"""Tests of survey results: rules, CSV import, API, list, live KPIs and demo data."""
