"""
The atlas sheets
================

:func:`bodymap.atlas` draws every built-in pattern of one kind on one chart, each in its own
colour with its short label (neighbouring patterns never share a colour).  ``bodymap atlas
dermatome -o dermatomes.png`` does the same from the command line.  Every pattern has its
own page in :doc:`the atlas </atlas/index>`.
"""

import bodymap

dermatomes = bodymap.atlas("dermatome")

# %%
# The cutaneous nerves, in Dutch.

nerves = bodymap.atlas("nerve", lang="nl")

# %%
# Joints and internal organs.

joints = bodymap.atlas("joint")
organs = bodymap.atlas("organ")
