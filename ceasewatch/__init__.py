"""ceasewatch: monitor ceasefires and armed conflict from open sources."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ceasewatch")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+local"
