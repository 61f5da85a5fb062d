"""The rules of customer praise and outreach, one module per job."""
