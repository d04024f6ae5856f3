"""Evaluation of habar against annotated data: UD (lemmas, tokens, sentences), NER (IOB2), the articles
and the corpus, search relevance, time expressions."""
