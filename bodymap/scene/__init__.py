"""The scene layer: backend-free figures of styled shapes, lines and text in page mm.

The layout step builds a :class:`~bodymap.scene.items.Scene` from the model (and analysis
results); the renderers draw it.  Nothing here draws.
"""
