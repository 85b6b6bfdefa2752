"""Settings precedence: site config (IT) < user config < environment < command line; bad values are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import load_settings
from app.errors import ConfigInvalid

EXAMPLE = Path(__file__).parents[2] / "packaging" / "branchdesk.ini.example"


def test_layers_override_in_order(tmp_path: Path) -> None:
    site = tmp_path / "site.ini"
    user = tmp_path / "user.ini"
    site.write_text("[branchdesk]\nbranch = 1001\nworkstation = S1\nlanguage = en\nreveal_seconds = 10\n")
    user.write_text("[branchdesk]\nworkstation = U1\nlanguage = zh_CN\n")
    settings = load_settings(
        {"language": "en"}, environ={"BRANCHDESK_WORKSTATION": "E1"}, site_file=site, user_file=user
    )
    assert (settings.branch, settings.workstation, settings.language, settings.reveal_seconds) == (
        "1001",
        "E1",
        "en",
        10,
    )
    assert settings.sources["branch"].startswith("site config")
    assert settings.sources["workstation"] == "environment"
    assert settings.sources["language"] == "command line"
    assert settings.sources["cipher"] == "default"


def test_the_shipped_site_config_example_is_valid(tmp_path: Path) -> None:
    settings = load_settings(environ={}, site_file=EXAMPLE, user_file=tmp_path / "none.ini")
    assert settings.sources["branch"].startswith("site config")


@pytest.mark.parametrize(
    ("name", "value"), [("cipher", "des"), ("mask_mobile_keep", "3"), ("reveal_seconds", "soon")]
)
def test_a_bad_value_names_the_setting_and_its_source(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(ConfigInvalid) as raised:
        load_settings(
            environ={f"BRANCHDESK_{name.upper()}": value},
            site_file=tmp_path / "none.ini",
            user_file=tmp_path / "none.ini",
        )
    assert name in str(raised.value) and "environment" in str(raised.value)
