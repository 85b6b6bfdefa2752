"""Staff members on the dashboard are shown by name, never by a bare id."""

from __future__ import annotations

from ui.dashboard.labels import staff_name

UNKNOWN_ID = "0b9f6f0e-55a1-4d1e-a2de-3c1f3a9e7c42"


def test_a_known_staff_member_shows_the_display_name() -> None:
    assert staff_name(UNKNOWN_ID, "Li Na") == "Li Na"


def test_an_unknown_username_shows_as_it_is_and_a_bare_id_as_a_placeholder() -> None:
    assert staff_name("zhang.wei", "") == "zhang.wei"
    placeholder = staff_name(UNKNOWN_ID, "")
    assert UNKNOWN_ID not in placeholder and placeholder.endswith("7c42)")
