"""The gunicorn configuration keeps the loaded application out of the workers' garbage collections."""

import gc
import importlib.util
from pathlib import Path

from gunicorn.config import Config

CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def gunicorn_config():
    """The configuration as gunicorn reads it: every name of the file it knows, set and checked."""
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", CONF)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    config = Config()
    for name, value in vars(module).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_the_master_freezes_what_it_loaded_and_workers_collect_less_often():
    config = gunicorn_config()
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    try:
        config.pre_fork(None, None)  # in the master, before each worker is forked
        assert gc.get_freeze_count() > frozen
        gc.set_threshold(700, 10, 10)  # Python's default (the suite runs with others of its own)
        config.post_fork(None, None)  # in the new worker
        assert gc.get_threshold() == (50_000, 20, 100)
    finally:
        if not frozen:  # the suite froze its own start-up (tests/conftest.py); a lone run had nothing frozen
            gc.unfreeze()
        gc.set_threshold(*thresholds)
