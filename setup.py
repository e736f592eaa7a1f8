"""The package list lives here because the top-level resources/ folder is shipped inside the
package as ccs_desktop.resources (pyproject.toml cannot add a mapped package to a find)."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["ccs_desktop", "ccs_desktop.*"]) + ["ccs_desktop.resources"],
    package_dir={"ccs_desktop.resources": "resources"},
)
