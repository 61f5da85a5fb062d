"""HR planning: campaigns and initiatives under the Five I's, the team cascade, the dashboard."""
