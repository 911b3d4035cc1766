"""Loggers for lines the writer must see under `mkdocs serve` without MkDocs counting them.

MkDocs counts its own warnings, and strict mode would abort the very rebuild
that is meant to show the writer what is wrong.
"""

from __future__ import annotations

import logging
import sys


def terminal_logger(name: str, label: str) -> logging.Logger:
    """A logger printing `LABEL -  message` to stderr, outside MkDocs' counting."""
    logger = logging.getLogger(name)
    logger.propagate = False
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(f"{label:<8}-  %(message)s"))
        logger.addHandler(handler)
    return logger
