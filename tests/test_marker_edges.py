"""Zone edges over trigger-point markers: a cross and its white halo never hide a zone."""

from __future__ import annotations

import bodymap
from bodymap.scene.pattern_figure import FigureOptions, build_scene


def _edges_after_markers(name: str, view: str) -> tuple[list[str], list[str]]:
    scene = build_scene(bodymap.load_chart(), bodymap.load_pattern(name), FigureOptions())
    order = [item.id for item in scene.walk()]
    marks = [i for i, item_id in enumerate(order) if item_id.startswith(f"tp-{name}-")]
    edges = [item_id for item_id in order if item_id.endswith("-edge")]
    after = [item_id for item_id in order[max(marks) + 1 :] if item_id.endswith("-edge")]
    assert view in {frame.view for frame in scene.frames}
    return edges, after


def test_a_small_zone_under_a_trigger_point_is_outlined_over_the_cross():
    # triceps: the medial-epicondyle zone (4 cm²) lies under the fifth trigger point's cross
    edges, after = _edges_after_markers("triceps-brachii", "back")
    assert "zone-triceps-brachii-medial-epicondyle-left-edge" in after
    assert edges == after  # every edge is drawn after (over) every marker


def test_zones_away_from_the_markers_get_no_second_outline():
    scene = build_scene(bodymap.load_chart(), bodymap.load_pattern("soleus"), FigureOptions())
    edges = [item.id for item in scene.walk() if item.id.endswith("-edge")]
    zones = [item.id for item in scene.walk() if item.id.startswith("zone-soleus-")]
    # the calf zone holds the trigger points, the heel zone lies well below them
    assert "zone-soleus-calf-left-edge" in edges and "zone-soleus-heel-left-edge" not in edges
    assert len(edges) < len(zones)
    edge_styles = {
        item.style.stroke
        for item in scene.walk()
        if item.id.endswith("-edge") and hasattr(item, "style")
    }
    assert None not in edge_styles
