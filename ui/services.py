"""The service modules the views call, loaded lazily.

The main window appears before SQLAlchemy and the crypto stack are imported; the db lane imports
them for real while it opens the store (load_services), so no view pays for the import on the GUI
thread and the window shows at once.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def _lazy(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


customers = _lazy("app.services.customers")
intake = _lazy("app.services.intake")
cases = _lazy("app.services.cases")
case_actions = _lazy("app.services.case_actions")
callbacks = _lazy("app.services.callbacks")
receipts = _lazy("app.services.receipts")
reports = _lazy("app.services.reports")
sync_runner = _lazy("app.sync.runner")


def load_services() -> None:
    """Runs on the db lane while the store opens: executes the lazily loaded modules."""
    _ = customers.register_customer
    _ = intake.submit_case
    _ = cases.case_ids
    _ = case_actions.add_note
    _ = callbacks.record_callback
    _ = receipts.receipt_for
    _ = sync_runner.fetch_history
