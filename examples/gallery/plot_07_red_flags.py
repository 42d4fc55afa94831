"""
Red flags: pain that may come from an organ
===========================================

Organ patterns (kind ``organ``) are red flags.  When one of them is among a ranking's
results, :meth:`bodymap.RankResult.red_flags` gives one sentence per organ, in English or
Dutch, and the tables, the JSON and the figures of ``bodymap rank`` say so too.  Here a
drawing of flank pain is ranked against the organ and muscle patterns.
"""

import bodymap

pattern = bodymap.load_pattern("organ-kidney")
zones = [z for z in pattern.zones(side="left") if z.kind == "essential"]
drawing = {
    "type": "FeatureCollection",
    "bodymap": {"kind": "drawing", "version": 1, "subject": "flank-pain"},
    "features": [
        {
            "type": "Feature",
            "properties": {"view": z.view, "intensity": 7},
            "geometry": z.geometry.__geo_interface__,
        }
        for z in zones
    ],
}
ranking = bodymap.rank(drawing, top=5, kinds=["muscle", "organ"])
for flag in ranking.red_flags("en"):
    print(flag.text)

kidney = bodymap.render("organ-kidney", side="left", drawing=drawing)
