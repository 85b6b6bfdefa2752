"""AppEvents: the application-wide Qt signals views subscribe to instead of calling each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """One instance per application, handed to every view through its constructor.

    Writes never tell views what to redraw; the op runner emits ``changes_applied`` with the
    ``Changes`` value a service returned and each view decides whether it cares.
    """

    # app.changes.Changes, emitted on the GUI thread after the transaction committed
    changes_applied = Signal(object)
    # a short, translated, non-personal text for the status bar
    status_message = Signal(str)
    # the op runner started or finished work (True: something is running)
    busy_changed = Signal(bool)
