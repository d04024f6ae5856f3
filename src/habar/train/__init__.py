"""Reproducible training and evaluation of habar's models against annotated data."""
