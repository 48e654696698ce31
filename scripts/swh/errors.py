"""The one base class of the failures a user can act on: `swh` prints them as one line."""

from __future__ import annotations


class SwhError(Exception):
    """An expected failure with a message that says what happened and what to do."""
