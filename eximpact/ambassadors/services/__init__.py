"""The ambassador programme's rules, as plain functions that pages, the API and the CLI share.

Services validate, change, audit and notify, then flush; the caller commits once.
"""
