"""The bottom layer: errors, the named choices, strings, JSON and output helpers, palettes.

Nothing here imports another part of bodymap; every other layer may import from here.
"""
