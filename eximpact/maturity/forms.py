"""The assessment form: one radio group per question, read into the service's shape.

The form only turns the posted radios into `{"inform": [levels], …}`; the service
checks them (the API sends the same shape), so the page and the API refuse alike.
"""

from flask import request

from eximpact.campaigns.models import PILLARS
from eximpact.maturity.questions import QUESTIONS


def posted_levels() -> dict[str, list]:
    answers = {}
    for pillar in PILLARS:
        values = []
        for question in QUESTIONS[pillar]:
            raw = request.form.get(question.key, "")
            values.append(int(raw) if raw.isdigit() and len(raw) < 3 else None)
        answers[pillar] = values
    return answers
