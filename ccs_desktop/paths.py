"""Where things live: the user's data folder and the shipped resources."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "CCS-Desktop"
DB_FILENAME = "ccs.sqlite3"
ENV_DATA_DIR = "CCS_DATA_DIR"


def default_data_dir() -> Path:
    """The folder given by CCS_DATA_DIR, else the user's data folder (platformdirs)."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    return Path(data_dir).expanduser() if data_dir else default_data_dir()


def database_path(data_dir: str | os.PathLike[str] | None) -> Path:
    return resolve_data_dir(data_dir) / DB_FILENAME


def resource_path(*parts: str) -> Path:
    """A file shipped under resources/ (installed as the ccs_desktop.resources package)."""
    try:
        base = Path(str(resources.files("ccs_desktop.resources")))
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        base = Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)
