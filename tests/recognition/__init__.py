"""Tests of nominations, award cycles, the wall and leaderboards."""
