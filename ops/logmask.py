"""Private links never reach a log.

A pledge's private link (``/campaigns/pledge/<token>/``, also under ``/en/``) lets
whoever holds it see and cancel the pledge. Access logs print paths and
referrers, so every log line passes through :func:`mask_private_paths` first:
gunicorn's access log (``deploy/gunicorn.conf.py``), Django's request log
(``LOGGING`` in the settings). The nginx site masks the same paths in its own
log format (``deploy/nginx/portal.conf``).
"""

import logging
import re

from gunicorn.glogging import Logger

MASK = "***"
PRIVATE_PATH = re.compile(r"(/campaigns/pledge/)[^/?#\s\"]+")


def mask_private_paths(text: object) -> object:
    """The text with every private pledge token replaced by ``***``."""
    return PRIVATE_PATH.sub(rf"\g<1>{MASK}", text) if isinstance(text, str) else text


class MaskPrivatePaths(logging.Filter):
    """A logging filter for Django's loggers: masks the message and its arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_private_paths(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask_private_paths(arg) for arg in record.args)
        return True


class GunicornLogger(Logger):
    """Gunicorn's logger with the request line, path, query and referrer masked."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "q", "f"):
            atoms[key] = mask_private_paths(atoms[key])
        # Headers are also offered as {name}i atoms: the referrer is one of them.
        for key in list(atoms):
            if key.startswith("{"):
                atoms[key] = mask_private_paths(atoms[key])
        return atoms
