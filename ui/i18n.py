"""Chooses the interface language and installs the Qt translators for it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

import resources

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH = "en"
# __path__ rather than __file__: it also works when `resources` is a namespace package
# (an editable install made before resources/__init__.py existed) and in frozen bundles.
RESOURCES_DIR = Path(next(iter(resources.__path__)))
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
CATALOGUE = "branchdesk"

_current = CHINESE
_installed: list[QTranslator] = []


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """ "auto" follows the system locale: English locales get English, everything else Chinese."""
    if setting in (CHINESE, ENGLISH):
        return setting
    locale = system if system is not None else QLocale.system()
    return ENGLISH if locale.language() == QLocale.Language.English else CHINESE


def current_language() -> str:
    """The language app/ messages are rendered in (app.messages.Message.render takes it)."""
    return _current


def install_translators(app: QCoreApplication, language: str) -> str:
    """Install our catalogue and Qt's own (buttons of standard dialogs) for ``language``.

    English is the source language, so it needs no catalogue. Returns the language in effect.
    """
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = language
    if language == ENGLISH:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{language}", str(TRANSLATIONS_DIR)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation catalogue %s_%s not found in %s", CATALOGUE, language, TRANSLATIONS_DIR)
    qt_base = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    return language


def switch_language(app: QCoreApplication, language: str) -> str:
    """Change the language while windows are open: new translators, then every text on screen again."""
    from ui.accessibility import name_all  # both walk the widgets; imported late to keep startup light
    from ui.retranslate import retranslate_all

    install_translators(app, language)
    # Qt posts LanguageChange to the windows; deliver it now so views redo their composed texts first
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    retranslate_all(language)
    name_all(refresh=True)
    return language
