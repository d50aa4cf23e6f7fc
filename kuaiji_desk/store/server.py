"""A database on a PostgreSQL server, shared by the accountants of one 部门.

``postgresql://user[:password]@host[:port]/name`` (``postgres://`` too; ``?host=/socket/dir``
for a local socket; a password may come from PGPASSWORD or the user's pgpass file instead, as
libpq reads them).  The URL goes to the driver (psycopg2) as it is; what the program shows of
it, in titles and messages, is :func:`display`, without the password.

What guards one accountant's work from another's is the report's revision (repo._claim),
the same on a server as in a file; the file lock, backups and restores are the SQLite file's
own (store/lock.py, store/backup.py) and a server database has none of them.
"""
from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

import peewee

from .errors import StoreError
from .migrations import known_version, migrate, stored_version

SCHEMES = ("postgresql://", "postgres://")
_TIMEOUT_S = 10   # seconds to wait for a server that does not answer
FORM = "postgresql://用户名@服务器:端口/数据库名"


def is_server(target) -> bool:
    return isinstance(target, str) and target.lower().startswith(SCHEMES)


def display(url: str) -> str:
    """The URL without its password, for the accountant's eyes (titles, messages)."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    if len(netloc) == 2:
        user = netloc[0].split(":", 1)[0]
        netloc = [f"{user}@{netloc[1]}"]
    query = "&".join(f"{k}={v}" for k, vs in parse_qs(parts.query).items() for v in vs
                     if k not in ("password", "passfile"))
    return urlunsplit((parts.scheme, netloc[0], parts.path, query, ""))


def open_server(url: str) -> peewee.PostgresqlDatabase:
    """Connects to the server database named by ``url`` and migrates it; read-only (said by
    ``db.read_only``) when the server allows no writes (a standby, default_transaction_read_only)."""
    shown = display(url)
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if not name or "/" in name:
        raise StoreError(f"服务器数据库地址「{shown}」没有写明数据库名，应为 {FORM}。")
    db = peewee.PostgresqlDatabase(url, connect_timeout=_TIMEOUT_S)
    db.location, db.read_only = shown, ""
    try:
        db.connect()
    except peewee.DatabaseError as exc:
        raise StoreError(_unreachable(exc, url, parts, name)) from None
    try:
        if db.execute_sql("SHOW transaction_read_only").fetchone()[0] == "on":
            db.read_only = "服务器只允许读取"
            if stored_version(db) != known_version():
                raise StoreError(f"服务器数据库「{shown}」需要先升级才能打开，但服务器只允许读取。请与管理员联系。")
        else:
            migrate(db)
    except peewee.DatabaseError as exc:
        db.close()
        raise StoreError(f"无法使用服务器数据库「{shown}」：{_scrubbed(exc, url)}") from None
    except BaseException:
        db.close()
        raise
    return db


def _unreachable(exc: Exception, url: str, parts, name: str) -> str:
    """Why the server could not be reached, in the accountant's words; libpq's own are English."""
    text = str(exc)
    where = parts.hostname or parse_qs(parts.query).get("host", ["本机"])[0]
    if parts.port:
        where = f"{where}:{parts.port}"
    user = unquote(parts.username or "") or "（默认用户）"
    if "database" in text and "does not exist" in text:
        return f"数据库服务器「{where}」上没有数据库「{name}」，请管理员先建立它。"
    if "authentication failed" in text or "no password supplied" in text or (
            "role" in text and "does not exist" in text):
        return f"数据库服务器「{where}」拒绝了用户「{user}」的登录：用户名或密码不对，或没有权限。"
    if any(word in text for word in ("could not connect", "Connection refused", "could not translate host name",
                                     "timeout expired", "No such file or directory", "Network is unreachable")):
        return (f"无法连接数据库服务器「{where}」：服务器没有运行，或地址、端口不对，或网络不通。"
                f"（{display(url)}）")
    return f"无法连接数据库服务器「{display(url)}」：{_scrubbed(exc, url)}"


def _scrubbed(exc: Exception, url: str) -> str:
    """The driver's message, first line, never with the password in it."""
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    password = urlsplit(url).password
    return text.replace(unquote(password), "***").replace(password, "***") if password else text
