"""The registry's entry point for ``ps`` (see ceasewatch.nlp.arabic_script)."""

from ceasewatch.nlp.arabic_script import resources_for
from ceasewatch.nlp.languages import LanguageResources


def resources() -> LanguageResources:
    return resources_for("ps")
