"""The home page: what matters to the signed-in person today."""
