"""Fixtures for the main window, lists, wizard and settings tests (real widgets, offscreen).

QSettings are kept in a temporary folder so that no test reads or writes the user's settings.
The demo database comes from tests/conftest.py (`demo_db`, a fresh copy per test).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):  # noqa: ANN001, ANN201
    """QSettings in tmp (ini files), French by default, the French translators installed."""
    from ccs_desktop.ui import i18n

    folder = tmp_path / "qsettings"
    folder.mkdir()
    QCoreApplication.setOrganizationName("CCS-Desktop-tests")
    QCoreApplication.setApplicationName("CCS Desktop tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    i18n.install_translators(qapp, "fr")
    yield folder
    # background searches finish before the next test (and before the interpreter exits)
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)
    i18n.install_translators(qapp, "fr")


@pytest.fixture
def services(demo_db):  # noqa: ANN001, ANN201
    from ccs_desktop.services.hub import Services

    return Services(demo_db)


@pytest.fixture
def window(qtbot, demo_db):  # noqa: ANN001, ANN201
    from ccs_desktop.ui.main_window import MainWindow

    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture(scope="session")
def committee_db_template(tmp_path_factory):  # noqa: ANN001, ANN201
    """One migrated database with the Alafia committee, copied for each test (fast). A test
    module may define its own template under the same name (with members, a threat...)."""
    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.hub import Services

    folder = tmp_path_factory.mktemp("template")
    db = open_database(folder)
    Services(db).committee.create(level="commune", region="Tombouctou", cercle="Tombouctou",
                                  commune="Alafia")
    db.close()
    return folder


@pytest.fixture
def committee_services(tmp_path, committee_db_template):  # noqa: ANN001, ANN201
    """Services over a fresh copy of the module's committee template, dates in French."""
    import shutil

    from PySide6.QtCore import QLocale

    from ccs_desktop.db.engine import open_database
    from ccs_desktop.services.hub import Services

    QLocale.setDefault(QLocale(QLocale.Language.French))
    shutil.copytree(committee_db_template, tmp_path / "data")
    db = open_database(tmp_path / "data")
    yield Services(db)
    db.close()
