"""The analysis layer: overlap measures, comparison and ranking, and the cohort engine.

Works on model objects and returns plain result records; no plotting import.
"""
