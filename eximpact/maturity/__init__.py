"""Maturity self-assessment on the Five I's: Temkin's stages, our questions."""
