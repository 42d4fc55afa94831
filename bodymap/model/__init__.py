"""The model layer: body charts, referral patterns and pain drawings, and their file readers.

Frozen dataclasses that yield shapely geometry in chart centimetres; no plotting import.
"""
