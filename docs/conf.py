"""Sphinx configuration of bodymap's documentation site.

The site is built offline (``make docs``): no intersphinx, no remote images.  Three parts are
generated at build time, never written by hand: the API reference (autosummary over
``bodymap.__all__``, see ``_ext/bodymap_api.py``), the command-line reference (every
command's ``--help``, ``_ext/bodymap_cli.py``), the atlas (one page per built-in pattern,
``_ext/bodymap_atlas.py``) and the file-format schemas (``_ext/bodymap_formats.py``).  The
gallery's scripts in ``examples/gallery/`` are run by sphinx-gallery.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
os.environ.setdefault("MPLBACKEND", "Agg")

import bodymap  # noqa: E402

project = "bodymap"
author = "bodymap developers"
copyright = "bodymap developers, BSD-3-Clause"
release = bodymap.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "sphinx_design",
    "sphinx_copybutton",
    "myst_parser",
    "bodymap_api",
    "bodymap_cli",
    "bodymap_atlas",
    "bodymap_formats",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "notes",
    "Thumbs.db",
    ".DS_Store",
    "gallery/*.ipynb",
    "gallery/*.py",
    "gallery/*.zip",
    "gallery/*.json",
    "gallery/*.md5",
    "gallery/*.codeobj.json",
]
templates_path = ["_templates"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- the API reference --------------------------------------------------------------------------
autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_default_options = {"inherited-members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = True
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()

# -- the gallery --------------------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": ["../examples/gallery"],
    "gallery_dirs": ["gallery"],
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "image_scrapers": ("bodymap_gallery.scraper",),
    "reset_modules": (),
    "download_all_examples": False,
    "remove_config_comments": True,
    "plot_gallery": "True",
    "within_subsection_order": "FileNameSortKey",
    "show_memory": False,
    "min_reported_time": 5,
    "capture_repr": (),
    "write_computation_times": False,
    # "Examples using bodymap.X" under each API page (the gallery's backreferences)
    "backreferences_dir": "reference/generated/backreferences",
    "doc_module": ("bodymap",),
}

# -- HTML ---------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"bodymap {release}"
html_static_path = ["_static"]
html_css_files = ["bodymap.css"]
html_logo = None
html_theme_options = {
    "navbar_align": "left",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "header_links_before_dropdown": 7,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_sidebars = {"index": [], "atlas/patterns/*": ["sidebar-nav-bs"]}
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
