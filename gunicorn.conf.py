"""gunicorn settings shared by `make run` and the served tests (tests/served)."""

# The access log leaves out the answer requests of the pulse: see eximpact/serving.py.
logger_class = "eximpact.serving.AccessLog"
