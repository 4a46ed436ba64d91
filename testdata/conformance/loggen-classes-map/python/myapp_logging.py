"""The Python classes the case's configuration names; loggen's classes
section maps each to what loggen runs in its place."""
import logging


class ConsoleHandler(logging.StreamHandler):
    """A StreamHandler under the application's own name."""

