"""Team scorecards: programme activity, customer outcomes and employee engagement per team."""
