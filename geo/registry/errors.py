"""Exception types of the registry (validation problems use :mod:`geo.errors`)."""

from __future__ import annotations


class RegistryError(RuntimeError):
    """The registry cannot do what was asked; the message says why and what to do."""


class ConflictError(RegistryError):
    """Someone else changed the same data first; nothing was written.

    Raised for an edit based on an old version of an organisation, and for an import
    previewed before another change to the registry.
    """
