"""Test helpers shared by unit, UI and integration tests (no production code imports these)."""
