"""A page per person: who they are, the recognition and praise they received, their hours."""
