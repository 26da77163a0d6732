"""Every error a user can see, in one place.

Each exception carries a message that names the input and a `fix` that says what to do. The CLI prints
`str(error)` as one line and exits non-zero; a batch records it in the `failures` table and goes on.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: `message` says what is wrong, `fix` what to do about it."""

    code = "E000"

    def __init__(self, message: str, fix: str = "") -> None:
        self.message = message
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.message}; {self.fix}" if self.fix else self.message


class InputError(EventwireError):
    """One input (a file, a JSONL line, stdin) could not be read as an article.

    `source` is the path (or "-"), `item` the line number or member name inside it, when there is one.
    """

    code = "E100"

    def __init__(self, source: str, problem: str, fix: str = "", item: str | None = None) -> None:
        self.source = source
        self.item = item
        self.problem = problem
        where = f"{source} line {item}" if item else source
        super().__init__(f"{where}: {problem}", fix)


class MissingPath(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class BinaryInput(InputError):
    code = "E103"


class UndecodableInput(InputError):
    code = "E104"


class TooLarge(InputError):
    code = "E105"


class NoArticleText(InputError):
    code = "E106"


class BadJsonLine(InputError):
    code = "E107"


class NoArticles(InputError):
    code = "E108"


class NotEnglish(InputError):
    code = "E109"


class ModelNotFound(EventwireError):
    code = "E200"


class StoreError(EventwireError):
    code = "E300"


class ContractError(EventwireError):
    """A record does not follow the public contract (records.py)."""

    code = "E400"


class PipelineError(EventwireError):
    """Stages are registered or ordered wrongly (a programming error, not a user's)."""

    code = "E500"
