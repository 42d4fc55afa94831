"""
The body chart and its regions
==============================

The adult chart has front and back views in centimetres (a 175 cm reference adult) and 76
named left/right regions, each with an English and Dutch name and, for 75 of them, a
SNOMED CT code.  ``regions=True`` writes each region's name on it.
"""

import bodymap

chart = bodymap.load_chart()
region = chart.region_at("front", 7, 91)
print(region.id, region.names["nl"], region.snomed.code)

figure = bodymap.render(pattern=None, regions=True, title="The adult chart's regions")
