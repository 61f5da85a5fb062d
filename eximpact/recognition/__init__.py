"""Peer recognition: categories, award cycles, nominations and their review, wall, leaderboards."""
