"""HR planning: campaigns and initiatives under the Five I's, the cascade to teams, dashboard."""
