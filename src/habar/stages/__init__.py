"""The stages of the pipeline, one spaCy component each; names.py and speakers.py hold what stages share."""
