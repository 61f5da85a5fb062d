"""The recognition programme's rules and reads, as plain functions that pages, the API and
the demo loader share. Services validate, change, audit and notify, then flush."""
