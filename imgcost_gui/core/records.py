"""Read-only records that are quick to make: what every estimate is built of.

A keystroke with 500 models compared makes some 3,000 of them (a stage's
estimate, its meters and notices, each model's estimate, its row). A frozen
dataclass sets each field through ``object.__setattr__`` and takes four times as
long to make as a plain one: about 2.5 ms of such a keystroke. So a ``record`` is
a plain slotted dataclass at run time, hashable like a frozen one, and frozen to
the type checker (``dataclass_transform``): mypy, strict in CI, refuses any
assignment to a field. A value worked out once in ``__post_init__`` is set with
``object.__setattr__``, as in a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, overload

from typing_extensions import dataclass_transform

T = TypeVar("T")


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, order: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(
    cls: type[T] | None = None, /, *, order: bool = False
) -> type[T] | Callable[[type[T]], type[T]]:
    """``@dataclass(frozen=True, slots=True)`` to mypy; quick to make at run time.
    ``@record(order=True)`` also compares field by field, as a dataclass's ``order``."""

    def make(c: type[T]) -> type[T]:
        return dataclass(slots=True, unsafe_hash=True, order=order)(c)

    return make(cls) if cls is not None else make
