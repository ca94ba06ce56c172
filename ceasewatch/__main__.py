"""``python -m ceasewatch``: the same command as ``ceasewatch``, for environments whose
scripts folder is not on PATH (a venv not activated, ``pipx run``, Windows)."""

from ceasewatch.cli.main import main

if __name__ == "__main__":
    main()
