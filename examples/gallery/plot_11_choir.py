"""
CHOIR Body Map codes
====================

A region scheme is a named set of coded areas on the chart: ``choir`` (the 74 segments of
the CHOIR Body Map), ``wpi`` (the 19 areas of the Widespread Pain Index) or bodymap's own
regions.  :func:`bodymap.from_codes` turns a patient's code list into a drawing,
:func:`bodymap.codes` gives the codes a drawing touches, and :func:`bodymap.widespread`
its WPI.
"""

import bodymap

drawing = bodymap.from_codes("101,102,120,207,208", scheme="choir", subject="p1")
print("CHOIR:", bodymap.codes(drawing, scheme="choir"))
print("WPI:", bodymap.widespread(drawing))

figure = bodymap.render(pattern=None, drawing=drawing, title="CHOIR codes 101, 102, 120, 207, 208")
