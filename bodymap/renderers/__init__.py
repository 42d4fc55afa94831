"""Renderers that draw a :class:`~bodymap.scene.Scene`: SVG (svgwrite) and matplotlib."""
