"""Notifications: the in-app inbox, e-mail and chat messages through a transactional outbox.

A change and the e-mail or Slack/Teams message it causes are written in one transaction;
`flask outbox send` delivers later (SMTP, or HTTP to the chat channel's webhook), so an
outage of the mail server or of the chat service delays messages but never loses them.
"""
