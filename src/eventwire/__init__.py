"""eventwire: open, offline coder that turns news articles into sourced event data."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+src"

from .api import CodeOptions, code_file, code_many, code_text
from .records import SCHEMA, Record

__all__ = ["SCHEMA", "CodeOptions", "Record", "__version__", "code_file", "code_many", "code_text"]
