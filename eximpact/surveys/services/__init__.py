"""The rules of survey results: checking and saving them, importing files, reading them."""
