"""E-mail notifications through a transactional outbox.

A change and the e-mail it causes are written in one transaction; `flask outbox send`
delivers later through SMTP, so a mail server outage delays mail but never loses it.
"""
