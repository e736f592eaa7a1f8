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
    """A file shipped under resources/ (installed as the ccs_desktop.resources package).

    From a source checkout (resources/ and pyproject.toml next to the package), that
    checkout's own resources: another checkout's editable install would otherwise answer
    for `ccs_desktop.resources` (its finder maps the name), and this code would read that
    checkout's catalogs and data instead of its own."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return (checkout / "resources").joinpath(*parts)
    try:
        base = Path(str(resources.files("ccs_desktop.resources")))
    except ModuleNotFoundError:  # running from a source checkout that is not installed
        base = checkout / "resources"
    return base.joinpath(*parts)


LOG_DIRNAME = "journaux"  # data: French by design, like the copies' names


def log_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    """The folder of the log files (`ccs_desktop.logs`) inside the data folder."""
    return resolve_data_dir(data_dir) / LOG_DIRNAME
