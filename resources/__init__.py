"""Data shipped with CCS Desktop (place lists, fonts, translations), installed as ccs_desktop.resources."""
