"""The one Kazakh grammar of habar: phonology, suffix tables, the analyser, name folding and search stems.

Every other module that needs to know a Kazakh ending asks this package:
- :mod:`habar.morph.phonology`: vowel and consonant classes and suffix harmony (data);
- :mod:`habar.morph.analyser`: lemma, UPOS and features of a word (``analyse``, ``lemmatize``);
- :mod:`habar.morph.names`: the nominative of an inflected (multi-word) name, and person-name parts;
- :mod:`habar.morph.stems`: the search stems of a word, from the same suffix tables.
"""
