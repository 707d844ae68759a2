"""Typed errors. Each names its input (``source``) and carries a short ``code``.

Errors are translated only at the edges: the CLI prints one line and exits
non-zero, the API maps them in one handler, batch runners record a failure row.
"""

from __future__ import annotations


class RasdError(Exception):
    """Base class: every rasd error names the input it is about."""

    code = "error"

    def __init__(self, message: str, source: str = "", code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        if code:
            self.code = code

    def __str__(self) -> str:
        return (
            f"{self.source}: {self.message} [{self.code}]" if self.source else f"{self.message} [{self.code}]"
        )


class IngestError(RasdError):
    """A file, feed line or archive record could not be read as a report."""

    code = "ingest"


class EncodingError(IngestError):
    """Bytes that decode to no plausible text (binary, unknown charset)."""

    code = "encoding"


class EmptyInputError(IngestError):
    """The input holds no report text once chrome is removed."""

    code = "empty"


class TooLargeError(IngestError):
    """The input exceeds the configured size limit."""

    code = "too-large"


class TimeBudgetError(IngestError):
    """Reading or processing one document took longer than its time budget."""

    code = "time-budget"


class UnexpectedError(RasdError):
    """A bug met while processing one input: recorded as that input's failure so the batch goes on."""

    code = "internal"


class NormalisationError(RasdError):
    """Text that the Arabic text layer cannot process."""

    code = "normalise"


class KBError(RasdError):
    """A knowledge-base file is missing or invalid."""

    code = "kb"


class GeocodeError(RasdError):
    """A place could not be resolved, or the gazetteer is unusable."""

    code = "geocode"


class ExtractError(RasdError):
    """Event extraction failed for a document."""

    code = "extract"


class StoreError(RasdError):
    """The database refused an operation or is unreachable."""

    code = "store"


class NotFoundError(StoreError):
    """No row with that id."""

    code = "not-found"


class ConflictError(StoreError):
    """An edit was based on a stale version of the row (someone else changed it first)."""

    code = "conflict"


class ValidationError(StoreError):
    """A change that is not a valid value for its field."""

    code = "invalid"


class AuthError(RasdError):
    """Missing or wrong credentials, or an account operation that is refused."""

    code = "auth"
