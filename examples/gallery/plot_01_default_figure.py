"""
The default figure
==================

``bodymap render`` with no arguments draws the referral pattern of the left iliopsoas: its
trigger points (×), the essential zone (dark, felt by nearly every patient) and the
spillover zone (light, felt by some), on the front and back views of the body chart.
"""

import bodymap

figure = bodymap.render("iliopsoas", side="left")
