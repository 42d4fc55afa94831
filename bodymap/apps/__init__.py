"""The apps layer: the browser form, the desktop editor and the cohort study with its maps.

Apps put the layers below together for a user; the command line sits on top of them.
"""
