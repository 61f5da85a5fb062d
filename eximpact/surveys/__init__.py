"""External survey results (NPS, CSAT, CES or any named metric) per team and period."""
