"""Settings: every `HELPDESK_*` variable with its default and help text, read once at start-up.

Settings are data (the Datasette way): the README table is generated from `SETTINGS` and a test checks that
every setting is documented. A bad value stops start-up with a message naming the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path


class ConfigError(Exception):
    """A setting has a value the service cannot use."""


@dataclass(frozen=True)
class Setting:
    env: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("HELPDESK_DATABASE_URL", "sqlite:///helpdesk.db", "SQLAlchemy URL; postgresql+psycopg://... in production"),
    Setting("HELPDESK_WEB_HOST", "127.0.0.1", "address the web chat, widget, API and staff UI listen on"),
    Setting("HELPDESK_WEB_PORT", "8080", "port of the web service"),
    Setting("HELPDESK_SMTP_HOST", "127.0.0.1", "address the inbound SMTP server listens on"),
    Setting("HELPDESK_SMTP_PORT", "8025", "port of the inbound SMTP server"),
    Setting(
        "HELPDESK_ADDRESS",
        "helpdesk@localhost",
        "the helpdesk's address(es), comma-separated; the only accepted recipients",
    ),
    Setting("HELPDESK_RELAY", None, "host:port of the outgoing relay; unset keeps mail queued in the outbox"),
    Setting("HELPDESK_STAFF_ADDRESS", None, "where notices of new escalations go"),
    Setting("HELPDESK_KB_DIR", "knowledge_base", "the knowledge base directory"),
    Setting("HELPDESK_ALLOWED_ORIGINS", None, "origins allowed to embed the widget (CORS), comma-separated"),
    Setting("HELPDESK_RETENTION_DAYS", "365", "personal data of closed tickets is purged this many days after closing"),
    Setting("HELPDESK_MAX_MESSAGE_BYTES", "10485760", "largest message the SMTP server accepts (552 above it)"),
    Setting(
        "HELPDESK_TLS_CERT", None, "PEM certificate (chain) for STARTTLS on the SMTP server; with HELPDESK_TLS_KEY"
    ),
    Setting("HELPDESK_TLS_KEY", None, "PEM private key for STARTTLS on the SMTP server"),
    Setting(
        "HELPDESK_LONG_POLL_SECONDS",
        "25",
        "longest a chat poll waits for new messages (keep below the proxy's timeout)",
    ),
    Setting(
        "HELPDESK_TRUSTED_PROXIES",
        None,
        "reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For/-Proto are believed",
    ),
    Setting(
        "HELPDESK_SECRET_KEY",
        None,
        "key signing our Message-IDs and reply addresses; unset: made once, kept in the database",
    ),
)


def _networks(name: str, value: str) -> tuple[IPv4Network | IPv6Network, ...]:
    try:
        return tuple(ip_network(part.strip(), strict=False) for part in value.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(f"{name}: {exc}") from None


def _positive_int(name: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {value!r}") from None
    if number <= 0:
        raise ConfigError(f"{name} must be positive, got {value!r}")
    return number


def _port(name: str, value: str) -> int:
    """A TCP port; 0 lets the system pick a free one (tests, or several instances on one machine)."""
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {value!r}") from None
    if not 0 <= number <= 65535:
        raise ConfigError(f"{name} must be a port number (0-65535), got {value!r}")
    return number


def _addresses(value: str | None) -> tuple[str, ...]:
    return tuple(a.strip().lower() for a in (value or "").split(",") if a.strip())


@dataclass(frozen=True)
class Config:
    database_url: str
    web_host: str
    web_port: int
    smtp_host: str
    smtp_port: int
    addresses: tuple[str, ...]
    relay: str | None
    staff_address: str | None
    kb_dir: Path
    allowed_origins: tuple[str, ...]
    retention_days: int
    max_message_bytes: int
    long_poll_seconds: int
    tls_cert: str | None
    tls_key: str | None
    secret_key: str | None
    trusted_proxies: tuple[IPv4Network | IPv6Network, ...] = ()

    @property
    def address(self) -> str:
        """The address replies come from: the first configured helpdesk address."""
        return self.addresses[0]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        env = os.environ if environ is None else environ
        defaults = {s.env: s.default for s in SETTINGS}

        def value(name: str) -> str | None:
            return env.get(name) or defaults[name]

        addresses = _addresses(value("HELPDESK_ADDRESS"))
        if not addresses:
            raise ConfigError("HELPDESK_ADDRESS must name at least one address")
        return cls(
            database_url=value("HELPDESK_DATABASE_URL") or "",
            web_host=value("HELPDESK_WEB_HOST") or "",
            web_port=_port("HELPDESK_WEB_PORT", value("HELPDESK_WEB_PORT") or ""),
            smtp_host=value("HELPDESK_SMTP_HOST") or "",
            smtp_port=_port("HELPDESK_SMTP_PORT", value("HELPDESK_SMTP_PORT") or ""),
            addresses=addresses,
            relay=value("HELPDESK_RELAY"),
            staff_address=value("HELPDESK_STAFF_ADDRESS"),
            kb_dir=Path(value("HELPDESK_KB_DIR") or "knowledge_base"),
            allowed_origins=tuple(o.strip() for o in (value("HELPDESK_ALLOWED_ORIGINS") or "").split(",") if o.strip()),
            retention_days=_positive_int("HELPDESK_RETENTION_DAYS", value("HELPDESK_RETENTION_DAYS") or ""),
            max_message_bytes=_positive_int("HELPDESK_MAX_MESSAGE_BYTES", value("HELPDESK_MAX_MESSAGE_BYTES") or ""),
            secret_key=value("HELPDESK_SECRET_KEY"),
            tls_cert=value("HELPDESK_TLS_CERT"),
            tls_key=value("HELPDESK_TLS_KEY"),
            long_poll_seconds=_positive_int("HELPDESK_LONG_POLL_SECONDS", value("HELPDESK_LONG_POLL_SECONDS") or ""),
            trusted_proxies=_networks("HELPDESK_TRUSTED_PROXIES", value("HELPDESK_TRUSTED_PROXIES") or ""),
        )
