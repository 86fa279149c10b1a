import pytest

from helpdesk.config import SETTINGS, Config, ConfigError
from tests.conftest import ROOT


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.env}`" in readme, f"{setting.env} is missing from the README"


def test_defaults() -> None:
    config = Config.from_env({})
    assert config.database_url == "sqlite:///helpdesk.db"
    assert (config.web_port, config.smtp_port) == (8080, 8025)
    assert config.address == "helpdesk@localhost" and config.relay is None


def test_several_addresses() -> None:
    config = Config.from_env({"HELPDESK_ADDRESS": "Helpdesk@ncsc.example, cra@ncsc.example"})
    assert config.addresses == ("helpdesk@ncsc.example", "cra@ncsc.example")


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("HELPDESK_WEB_PORT", "http", "HELPDESK_WEB_PORT must be a whole number"),
        ("HELPDESK_SMTP_PORT", "70000", "HELPDESK_SMTP_PORT must be a port number"),
        ("HELPDESK_RETENTION_DAYS", "-1", "HELPDESK_RETENTION_DAYS must be positive"),
        ("HELPDESK_ADDRESS", " , ", "HELPDESK_ADDRESS must name at least one address"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.from_env({name: value})
