"""The guide's pictures (issue 18): the shot maker (ui/guide_shots.py) takes every screen the
guide shows from the application itself on a demonstration database; the help window and the
PDF show them when they were taken, and are text only, with no broken image, when not."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from ccs_desktop.services import guide
from ccs_desktop.ui import guide_shots
from ccs_desktop.ui import help as helpmod

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:  # noqa: ANN001
    """The shot maker run as the build runs it: a process of its own, headless."""
    out = tmp_path_factory.mktemp("shots")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT),
                                                       os.environ.get("PYTHONPATH", "")]))
    env.pop("QT_QPA_PLATFORM", None)  # it chooses the offscreen platform itself
    done = subprocess.run([sys.executable, "-m", "ccs_desktop.ui.guide_shots", str(out)],
                          env=env, capture_output=True, text=True, timeout=300, cwd=out)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "propagateSizeHints" not in done.stderr
    return out


def _colours(image: QImage) -> int:
    """Distinct colours on a 40×40 grid of the picture (a blank or uniform grab has 1 or 2)."""
    return len({image.pixel(image.width() * x // 40, image.height() * y // 40)
                for x in range(40) for y in range(40)})


def test_the_shot_maker_takes_every_picture_of_the_guide(shots):
    taken = sorted(p.name for p in shots.glob("*.png"))
    assert taken == sorted(f"{name}.png" for name in guide_shots.SHOTS)
    # the guide shows every picture taken, and only those
    assert sorted(guide.pictures("fr")) == taken
    for path in shots.glob("*.png"):
        image = QImage(str(path))
        assert not image.isNull(), path.name
        assert 600 <= image.width() <= 1024 and 560 <= image.height() <= 768, (
            path.name, image.width(), image.height())
        assert _colours(image) >= 12, path.name
        assert path.stat().st_size > 20_000, path.name


def test_the_guide_pdf_has_the_pictures_when_taken_and_none_otherwise(shots, tmp_path):
    from pypdf import PdfReader

    with_shots = PdfReader(io.BytesIO(guide.render_guide_pdf("fr", folder=shots)))
    images = [image for page in with_shots.pages for image in page.images]
    assert len(images) == len(guide_shots.SHOTS)
    widths = sorted(QImage.fromData(image.data).width() for image in images)
    assert widths[-1] >= 1000  # the screenshots themselves, not thumbnails
    text_only = PdfReader(io.BytesIO(guide.render_guide_pdf("fr", folder=tmp_path)))
    assert sum(len(page.images) for page in text_only.pages) == 0
    text = " ".join(page.extract_text() for page in text_only.pages)
    assert "Le cycle du mois" in text and ".png" not in text and "![" not in text
    # each picture has its caption under it
    text = " ".join(page.extract_text() for page in with_shots.pages)
    assert "La page d'accueil (comité de démonstration)" in " ".join(text.split())


def test_the_help_window_shows_the_pictures_or_plain_text(qtbot, shots, tmp_path,
                                                          monkeypatch):
    monkeypatch.setattr(guide, "shots_folder", lambda: shots)
    dialog = helpmod.GuideDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    images = dialog.images()
    assert len(images) == len(guide_shots.SHOTS)
    room = dialog.browser.viewport().width()
    assert all(0 < image.width() <= room for image in images)  # fitted to the window
    assert all(Path(image.name().removeprefix("file://")).name in guide.pictures("fr")
               for image in images)
    assert "La fenêtre des documents : le PV avant impression" in dialog.browser.toPlainText()

    monkeypatch.setattr(guide, "shots_folder", lambda: tmp_path)  # running from source
    bare = helpmod.GuideDialog()
    qtbot.addWidget(bare)
    bare.show()
    assert bare.images() == []
    plain = bare.browser.toPlainText()
    assert "Le cycle du mois" in plain and ".png" not in plain
    assert "La fenêtre des documents" not in plain  # no caption without its picture
