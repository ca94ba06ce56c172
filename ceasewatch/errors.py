"""One base error and the specific errors that name the file and field at fault.

Errors are raised where the fault is found and translated once, at the edge: the CLI turns a
``CeasewatchError`` into a one-line message and a non-zero exit, the web API into a 4xx with
the error envelope. A user's mistake never shows a traceback.
"""

from __future__ import annotations


class CeasewatchError(Exception):
    """Base of every error a user can cause: bad input, bad options, unknown ids."""

    def __init__(self, message: str, *, origin: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.origin = origin
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.origin:
            where = self.origin
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        if self.field:
            where += f"field {self.field!r}: "
        return where + self.message


class InputError(CeasewatchError):
    """A document that cannot be read: empty, binary, undecodable, malformed."""


class MetadataError(InputError):
    """A sidecar ``.meta.json`` or HTML metadata that is malformed."""


class FeedError(InputError):
    """An RSS/Atom feed that cannot be parsed."""


class NotFoundError(CeasewatchError):
    """An id (document, event, accord) that the store does not hold."""


class StoreError(CeasewatchError):
    """The database cannot be opened or its schema is newer than this program."""


class AccordFileError(InputError):
    """An accord definition file with a missing or invalid field."""


class GoldFileError(InputError):
    """A gold annotation file for ``evaluate`` that is malformed."""


class NotAllowedError(CeasewatchError):
    """A user's role does not allow the action (a reader reviewing, an analyst overruling
    another's verified decision); the web answers 403."""
