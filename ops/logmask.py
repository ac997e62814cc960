"""Private links and e-mail addresses never reach a log.

A pledge's private link (``/campaigns/pledge/<token>/``, also under ``/en/``) lets
whoever holds it see and cancel the pledge. Access logs print paths and
referrers, so every log line passes through :func:`mask_private_paths` first:
gunicorn's access log (``deploy/gunicorn.conf.py``), Django's request log and
``runserver``'s (``LOGGING`` in the settings). The nginx site masks the same paths
in its own log format (``deploy/nginx/portal.conf``).

Django's loggers also never print an e-mail address (a donor's, a mentor's): the
message, its arguments and the text of an exception (a mail server's refusal names
the addresses it refused) are masked by :class:`MaskPrivatePaths` too.
"""

import logging
import re

from gunicorn.glogging import Logger

MASK = "***"
PRIVATE_PATH = re.compile(r"(/campaigns/pledge/)[^/?#\s\"]+")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ADDRESS_MASK = "***@***"


def mask_private_paths(text: object) -> object:
    """The text with every private pledge token replaced by ``***``."""
    return PRIVATE_PATH.sub(rf"\g<1>{MASK}", text) if isinstance(text, str) else text


def mask_private(value: object) -> object:
    """Private pledge tokens and e-mail addresses masked in a string, or in a list or tuple of them."""
    if isinstance(value, str):
        return ADDRESS.sub(ADDRESS_MASK, str(mask_private_paths(value)))
    if isinstance(value, list | tuple):
        return type(value)(mask_private(item) for item in value)
    return value


class MaskPrivatePaths(logging.Filter):
    """A logging filter for Django's loggers: masks tokens and addresses in the message, its
    arguments and the text of its exception."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_private(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(mask_private(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: mask_private(value) for key, value in record.args.items()}
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = str(mask_private(record.exc_text))
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
