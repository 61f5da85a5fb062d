"""Pulse rules as plain functions: rounds, answering, results, reminders."""
