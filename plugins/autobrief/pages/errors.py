"""The plan of a broken file's page under a live preview."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import addresses
from ..core.errors import BriefingError


@dataclass
class ErrorPlan:
    """Live preview only: the error panel of a broken file, at the address it would most likely have."""

    url: str
    errors: list[BriefingError]

    @property
    def src_uri(self) -> str:
        return addresses.source_file(self.url)

    @property
    def title(self) -> str:
        return f"Errors in {self.errors[0].path}"

    @property
    def heading(self) -> str:
        return f"{self.errors[0].path} has errors"
