"""The render layer: SVG (svgwrite), matplotlib and plain-text back ends, and Diagram.

Every back end draws the same :class:`~bodymap.scene.items.Scene`; layout logic lives in
the scene layer only.
"""
