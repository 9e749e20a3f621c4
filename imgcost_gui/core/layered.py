"""The catalog a user prices with, built in layers, and the files each layer lives in.

shipped < updated prices (a price update kept from a file, ``updated.py``) < the
user's own (the overrides file, ``overrides_file.py``), with the token counts
the user measured (``measured.py``) on top. This module reads those files,
stacks them into the effective catalog, and saves the overrides file: each
change is made on top of what another ImgCost may have saved since, under a
lock, and taken only once it is on disk. What a change *is* (set a price, reset
a row, add a model) is ``overrides.UserCatalog``.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path

from .catalog import PriceCatalog
from .measured import KeptMeasurements, MeasuredOutput, MeasuredTokens
from .overrides_file import (
    Overrides,
    apply_overrides,
    differences,
    read_overrides,
    with_user_prices,
)
from .paths import measured_tokens_path, overrides_path, updated_prices_path
from .storage import (
    FileProblem,
    FileSignature,
    atomic_write_text,
    file_signature,
    kept_aside,
    locked,
)
from .updated import UpdatedLayer, UpdatedPrices


class ReadOnlyOverrides(ValueError):
    """A change refused because a newer ImgCost owns the overrides file."""


#: A change to the user's overrides, applied to a copy of what is on disk.
Change = Callable[[Overrides], None]


class LayeredCatalog:
    """Shipped catalog + updated prices + the user's overrides + measured tokens.

    ``catalog`` is the effective catalog and ``base`` the one below the user's
    own prices. ``problems`` lists what the user must be told after loading (a
    file kept aside, an override that no longer applies). Every change is
    applied to a copy and saved first; if the save fails, nothing changes in
    memory either and the error goes to the caller.
    """

    def __init__(
        self,
        shipped: PriceCatalog,
        path: Path | None = None,
        *,
        load: bool = True,
        layer_path: Path | None = None,
    ):
        self.shipped = shipped
        self.path = Path(path) if path is not None else overrides_path()
        #: The "updated prices" layer (``imgcost catalog update``), beside the overrides.
        if layer_path is not None:
            layer_at = Path(layer_path)
        elif path is not None:
            layer_at = self.path.with_name("updated-prices.json")
        else:
            layer_at = updated_prices_path()
        self.updated = UpdatedPrices(layer_at)
        #: Output tokens measured from the user's responses (``imgcost calibrate --save``).
        self.measurements = KeptMeasurements(
            self.path.with_name("measured-tokens.json")
            if path is not None
            else measured_tokens_path()
        )
        # Empty, nothing read: built without a validator, so a start with no overrides
        # file builds none (a file read is always validated in full).
        self.overrides = Overrides.model_construct()
        self.problems: list[str] = []
        #: Set when a newer ImgCost wrote the file: it is left alone and never saved over.
        self.read_only = False
        #: The file as last read or written here; another writer changes it.
        self._signature: FileSignature | None = None
        if load:
            for problem in (self.updated.load(), self.measurements.load()):
                if problem is not None:
                    self.problems.append(problem)
            self._load()
        self._rebuild()

    @property
    def layer(self) -> UpdatedLayer | None:
        """The updated prices kept, if any."""
        return self.updated.layer

    @property
    def layer_path(self) -> Path:
        return self.updated.path

    @property
    def measured(self) -> MeasuredTokens:
        """The token counts measured from the user's responses."""
        return self.measurements.store

    @property
    def measured_path(self) -> Path:
        return self.measurements.path

    # --- reading ---------------------------------------------------------------

    def _read(self) -> tuple[Overrides, list[str], bool]:
        """The file's overrides, prices lost in an upgrade, and whether it was upgraded."""
        # A v1 file's "_lost" list is the migration's note; take it off before checking.
        value, upgraded = read_overrides(self.path, self.shipped)
        return value.overrides(), value.lost, upgraded

    def _load(self) -> None:
        if not self.path.exists() and not self.path.is_symlink():
            return
        try:
            self._signature = file_signature(self.path)
            self.overrides, lost, upgraded = self._read()
        except FileProblem as e:
            if e.newer:
                self.read_only = True
                self.problems.append(
                    f"Your price overrides were saved by a newer ImgCost. {e.message} "
                    "ImgCost is using the shipped prices and will not change that file."
                )
                return
            problem = kept_aside(self.path, e)
            self.problems.append(
                f"Your price overrides could not be loaded. {problem.message} "
                "ImgCost is using the shipped prices."
            )
            return
        if upgraded:
            backup = self.path.with_name(self.path.name + ".v1-backup")
            if not backup.exists():
                with contextlib.suppress(OSError):
                    shutil.copy2(self.path, backup)
            for what in lost:
                self.problems.append(
                    f"Your price {what} could not be matched to a price of this catalog and is "
                    f"not used; your old file is kept as {backup.name}."
                )

    def _build_base(self) -> None:
        """The catalog below the user's prices: shipped, with the updated layer."""
        models, problems = self.updated.over(self.shipped)
        self.problems.extend(problems)
        self.base = PriceCatalog(checked=self.shipped.checked, models=models)

    def _rebuild(self) -> None:
        self._build_base()
        models, problems = apply_overrides(self.overrides, self.base)
        self.problems.extend(problems)
        models = self.measurements.over(models)
        self.catalog = PriceCatalog(checked=self.shipped.checked, models=models)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyOverrides(
                "Your price overrides file was saved by a newer ImgCost; update ImgCost to change prices."
            )

    def _change(self, change: Change, check: str | None = None) -> None:
        """Apply ``change`` to the file as it is on disk now, check it, save it, and
        only then take it.

        Another ImgCost (a second window, the command line) may have saved since
        this one read the file: the change is made on top of what it saved, under
        a lock, so neither erases the other's prices.
        """
        with locked(self.path):
            base = self._on_disk() or self.overrides
            new = base.model_copy(deep=True)
            change(new)
            if check is not None and check in self.base.by_id:
                with_user_prices(new, self.base.by_id[check])  # refuse a bad key or value
            self._write(new)
            self._signature = file_signature(self.path)
        self.overrides = new
        self.problems = []
        self._rebuild()

    def _on_disk(self) -> Overrides | None:
        """The file's overrides if another writer changed it since, else None."""
        if self.read_only or file_signature(self.path) == self._signature:
            return None
        try:
            overrides, _, _ = self._read()
        except FileProblem:
            return None  # unreadable now: ours stand, and the save replaces it whole
        return overrides

    def reload(self) -> list[str]:
        """Take in what another ImgCost saved since; say what changed, in words.

        Returns nothing when the file is as this one left it.
        """
        with locked(self.path):
            theirs = self._on_disk()
            signature = file_signature(self.path)
        if theirs is None:
            return []
        said = differences(self.overrides, theirs)
        self.overrides, self._signature = theirs, signature
        self.problems = []
        self._rebuild()
        return said

    def reload_measured(self) -> list[str]:
        """Take in measured token counts another ImgCost kept or forgot since; say
        which models' counts changed (nothing when none did)."""
        said = self.measurements.reload()
        if said:
            self._rebuild()
        return said

    def _write(self, overrides: Overrides, path: Path | None = None) -> None:
        target = Path(path or self.path)
        if self.read_only and target == self.path:
            raise FileProblem(
                self.path,
                "it was saved by a newer ImgCost, so this one will not overwrite it. "
                "Update ImgCost, or move the file away to start again.",
            )
        atomic_write_text(target, overrides.to_json())

    def save(self, path: Path | None = None) -> None:
        self._write(self.overrides, path)

    # --- the updated-prices layer ---------------------------------------------------

    def keep_update(self, layer: UpdatedLayer) -> None:
        """Keep ``layer`` as the updated prices (it replaces an earlier one)."""
        self.updated.keep(layer)
        self._rebuild_fresh()

    def revert_update(self) -> bool:
        """Drop the updated prices; whether there were any."""
        had = self.updated.revert()
        self._rebuild_fresh()
        return had

    # --- measured token counts -------------------------------------------------------

    def keep_measured(self, model_id: str, found: dict[str, MeasuredOutput]) -> None:
        """Keep measured output tokens for a model, by "WIDTHxHEIGHT/quality"."""
        if model_id not in self.catalog.by_id:
            raise KeyError(model_id)
        self.measurements.keep(model_id, found)
        self._rebuild_fresh()

    def reset_measured(self, model_id: str | None = None, key: str | None = None) -> None:
        """Forget measured tokens: one size and quality, one model, or all."""
        self.measurements.reset(model_id, key)
        self._rebuild_fresh()

    def _rebuild_fresh(self) -> None:
        """Rebuild after a change of a layer; the problems said at load are told."""
        self.problems = []
        self._rebuild()

    # --- sharing -----------------------------------------------------------------

    def export(self, path: Path) -> None:
        self.save(path)
