"""`make loadtest`: the production setup under load and faults, checked against a ledger.

`python -m loadtest` starts Redis, an SMTP server and gunicorn (PostgreSQL comes from
`.ci/with-postgres`), seeds an organisation, drives it with Locust (`loadtest.users`)
while it injects faults (`loadtest.faults`), then compares the database with what the
server acknowledged (`loadtest.checks`) and prints one summary line.
"""
