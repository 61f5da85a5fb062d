"""The CX ambassador programme: enrolments, CX projects, weekly time, approval and hours reports."""
