"""The exceptions polygraph raises.

Every failure of the C++ library (an absl::Status) reaches Python as one of
these, raised by polygraph._core in a single place:

- InputError: a file polygraph cannot read (malformed JSON/YAML, a value its
  front-end rejects). Carries the location: .file, .line, .column, and
  str(error) is the library's one line "file:line:col: reason".
- NotFoundError: a path that does not exist.
- Error: anything else, e.g. an unknown rule id in only= or skip=.

Problems polygraph reports about valid input (findings, "not-analysed"
notes) are data on the Result, never exceptions.
"""

from typing import Any, Dict, Tuple, Type

__all__ = ["Error", "InputError", "NotFoundError"]


class Error(Exception):
    """Base class of every polygraph error.

    Attributes:
      message: the library's message, also str(error).
      code: the absl status code name, e.g. "INVALID_ARGUMENT", "NOT_FOUND".
    """

    def __init__(self, message: str, *, code: str = "UNKNOWN") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> Tuple[Type["Error"], Tuple[str], Dict[str, Any]]:
        # Keyword-only attributes survive pickling (multiprocessing, logging).
        return (type(self), (self.message,), dict(self.__dict__))


class InputError(Error, ValueError):
    """A malformed input file, with the place it went wrong.

    Attributes:
      file: the path as given (or as found while walking a folder).
      line: 1-based line; 0 when unknown.
      column: 1-based byte column; 0 when unknown.
      reason: the message without its "file:line:col: " prefix.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "INVALID_ARGUMENT",
        file: str = "",
        line: int = 0,
        column: int = 0,
        reason: str = "",
    ) -> None:
        super().__init__(message, code=code)
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason or message


class NotFoundError(Error, FileNotFoundError):
    """A path given to polygraph that does not exist."""

    def __init__(self, message: str, *, code: str = "NOT_FOUND") -> None:
        super().__init__(message, code=code)
