"""ceasewatch: monitor ceasefires and armed conflict from open sources."""


def __getattr__(name: str) -> str:
    # ``__version__`` on first use: importlib.metadata costs more start-up than ``--help``
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("ceasewatch")
    except PackageNotFoundError:  # running from a source tree that is not installed
        found = "0.0.0+local"
    globals()["__version__"] = found
    return found
