"""deploy/portal.env.example lists every variable the settings, gunicorn and the backup read."""

import re

from tests.deploy.servers import REPO

PYTHON_READS = re.compile(r"""(?:os\.environ(?:\.get)?[\(\[]|env_(?:bool|list)\()\s*["']([A-Z][A-Z0-9_]+)["']""")
SHELL_READS = re.compile(r"\$\{([A-Z][A-Z0-9_]+)")


def variables_read():
    names = set()
    for path in [*(REPO / "portal" / "settings").glob("*.py"), REPO / "deploy" / "gunicorn.conf.py"]:
        names |= set(PYTHON_READS.findall(path.read_text()))
    names |= set(SHELL_READS.findall((REPO / "deploy" / "backup.sh").read_text()))
    return names


def test_every_variable_is_in_the_template():
    template = (REPO / "deploy" / "portal.env.example").read_text()
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", template, flags=re.MULTILINE))
    read = variables_read() - {"DEBUG"}  # read by the base settings; production always turns it off
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "GUNICORN_WORKERS", "BACKUP_DIR"} <= read
    assert sorted(read - listed) == []


def test_the_units_read_the_environment_file():
    for unit in (REPO / "deploy" / "systemd").glob("*.service"):
        assert "EnvironmentFile=/etc/portal/portal.env" in unit.read_text(), unit.name
