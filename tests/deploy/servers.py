"""Real servers for the deployment tests: gunicorn with the production settings, nginx
with the site in deploy/, redis-server. Each listens on 127.0.0.1 on a free high port,
writes its log into the test's temporary folder and is stopped when the test ends."""

import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection

import pytest

REPO = Path(settings.BASE_DIR)
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
REDIS_SERVER = shutil.which("redis-server")
MIME_TYPES = Path("/etc/nginx/mime.types")

needs_nginx = pytest.mark.skipif(
    NGINX is None or not MIME_TYPES.exists(),
    reason="nginx is not installed here (make deploy-tools or apt-get install nginx-light; CI installs it)",
)
needs_redis = pytest.mark.skipif(
    REDIS_SERVER is None,
    reason="redis-server is not installed here (make deploy-tools or apt-get install redis-server; CI installs it)",
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process=None, timeout=30.0, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{read(log)}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s:\n{read(log)}")


def read(path):
    return Path(path).read_text(errors="replace") if path and Path(path).exists() else ""


def database_url(settings_dict=None):
    """The address of the test database, for a server in another process."""
    db = settings_dict or connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def production_env(**overrides):
    """The environment of a server process: production settings on the test database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "GUNICORN_", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=settings.SECRET_KEY,  # the test's own: links it signs open on the server
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url(),
        SECURE_SSL_REDIRECT="off",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def manage(env, *args):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True, capture_output=True, text=True
    )


class Server:
    def __init__(self, name, command, port, log, env=None, cwd=REPO):
        self.name, self.port, self.log = name, port, Path(log)
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=cwd, env=env, stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_for_port(port, self.process, log=self.log)
        except Exception:
            self.stop()
            raise

    def output(self):
        return read(self.log)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log_file.close()


def start_gunicorn(tmp_path, env, name="gunicorn"):
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
    return Server(name, command, port, tmp_path / f"{name}.log", env=env)


def start_redis(tmp_path):
    port = free_port()
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    return Server("redis", command, port, tmp_path / "redis.log", cwd=tmp_path)


def self_signed_certificate(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",  # noqa: S607
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def nginx_config(folder, *, upstream_port, http_port, https_port, static_root, media_root):
    """The site in deploy/nginx/portal.conf with this machine's ports and folders in place of the
    server's, inside a main configuration of its own (no root, no /var): returns its path.
    ``upstream_port`` may be a list: several app servers behind the one nginx."""
    upstreams = upstream_port if isinstance(upstream_port, list | tuple) else [upstream_port]
    cert, key = self_signed_certificate(folder)
    site = (REPO / "deploy" / "nginx" / "portal.conf").read_text()
    replacements = {
        "server 127.0.0.1:8000;": " ".join(f"server 127.0.0.1:{port};" for port in upstreams),
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen [::]:443 ssl;": "",
        "/etc/letsencrypt/live/portal.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/portal.example.org/privkey.pem": str(key),
        "/srv/portal/static/": f"{static_root}/",
        "/srv/portal/media/": f"{media_root}/",
        "/var/cache/nginx/portal": str(folder / "cache"),
        "/var/log/nginx/": f"{folder}/",
        "/var/www/letsencrypt": str(folder / "acme"),
    }
    for old, new in replacements.items():
        assert old in site, f"deploy/nginx/portal.conf no longer contains {old!r}: update the test"
        site = site.replace(old, new)
    (folder / "portal.conf").write_text(site)
    main = folder / "nginx.conf"
    temp = folder / "temp"
    temp.mkdir(exist_ok=True)
    # As root, nginx's workers would become "nobody", who may not read the test's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    main.write_text(
        f"""
{user}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    access_log {folder}/access-default.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {folder}/portal.conf;
}}
"""
    )
    return main


def start_nginx(folder, **ports_and_paths):
    folder.mkdir(parents=True, exist_ok=True)
    main = nginx_config(folder, **ports_and_paths)
    check = subprocess.run([NGINX, "-t", "-c", str(main), "-e", str(folder / "error.log")],  # noqa: S603
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stderr
    server = Server(
        "nginx",
        [NGINX, "-c", str(main), "-e", str(folder / "error.log")],
        ports_and_paths["https_port"],
        folder / "nginx.out",
    )
    return server


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


_INSECURE = ssl.create_default_context()
_INSECURE.check_hostname = False
_INSECURE.verify_mode = ssl.CERT_NONE


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, *, data=None, headers=None, method=None):
    """One request, no redirects followed, any status returned (the certificate is our own)."""
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=_INSECURE), _NoRedirect)
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)  # noqa: S310
    try:
        with opener.open(request, timeout=30) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())
