"""Reproducible training and evaluation of habar models and rules against annotated data."""
