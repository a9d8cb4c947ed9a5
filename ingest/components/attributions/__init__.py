"""Attributions: who said, thought or wants what (see component.py, find.py, speakers.py)."""

from .component import AttributionFinder, attribution_covering, find_attributions
from ..extensions import AttributionRef

__all__ = ["AttributionFinder", "AttributionRef", "attribution_covering", "find_attributions"]
