"""A workload: what a team will generate over a period, stage by stage."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .sizes import Size

SCENARIO_SCHEMA_VERSION: Literal[1] = 1

StageQuality = Literal["low", "medium", "high", "auto"]
Share = Annotated[float, Field(ge=0, le=1)]
Count = Annotated[int, Field(ge=0)]
#: A trillion requests a period is past any real workload; beyond it numbers lose meaning.
Volume = Annotated[int, Field(ge=0, le=10**12)]


class Editable(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ReferenceImages(Editable):
    """Images sent with each request (edits, style references)."""

    count: Count = 0
    width: Annotated[int, Field(gt=0)] = 1024
    height: Annotated[int, Field(gt=0)] = 1024
    high_fidelity: bool = False
    measured_tokens: Count | None = Field(
        None,
        description="Input-image tokens per request from your usage logs; replaces the estimate.",
    )

    @property
    def size(self) -> Size:
        return Size(self.width, self.height)


class ResponsesOverhead(Editable):
    """Tokens the main model bills when images are made through the Responses API."""

    input_tokens: Count = 0
    output_tokens: Count = 0
    input_usd_per_m: Annotated[Decimal, Field(ge=0)] = Decimal("0")
    output_usd_per_m: Annotated[Decimal, Field(ge=0)] = Decimal("0")


class Stage(Editable):
    """One step of a workload, such as "drafts" or "finals"."""

    name: str = "Images"
    requests: Volume = 1000
    jobs: Volume | None = Field(None, description="If set, requests = jobs x images_per_job.")
    images_per_job: Annotated[int, Field(ge=1)] = 1
    outputs_per_request: Annotated[int, Field(ge=1, le=10)] = 1
    width: Annotated[int, Field(gt=0, le=20000)] = 1024
    height: Annotated[int, Field(gt=0, le=20000)] = 1024
    quality: StageQuality = "medium"
    auto_assumes: Literal["low", "medium", "high"] = "medium"
    mode: Literal["generate", "edit"] = "generate"
    references: ReferenceImages = ReferenceImages()
    prompt_tokens: Count = 50
    cached_text_share: Share = 0.0
    cached_image_share: Share = 0.0
    retry_multiplier: Annotated[float, Field(ge=1, le=100)] = 1.0
    failure_rate: Annotated[float, Field(ge=0, lt=1)] = 0.0
    partial_images: Annotated[int, Field(ge=0, le=3)] = 0
    batch: bool = False
    responses: ResponsesOverhead | None = None

    @property
    def size(self) -> Size:
        return Size(self.width, self.height)

    @property
    def requests_per_period(self) -> int:
        if self.jobs is not None:
            return self.jobs * self.images_per_job
        return self.requests

    @property
    def images(self) -> int:
        """Images the team keeps per period."""
        return self.requests_per_period * self.outputs_per_request

    @property
    def attempts_per_request(self) -> float:
        """Billed attempts per kept request: retries, and failures that still bill."""
        return self.retry_multiplier / (1.0 - self.failure_rate)


class Scenario(Editable):
    """A named workload over a period, made of stages."""

    schema_version: Literal[1] = SCENARIO_SCHEMA_VERSION
    name: str = "Untitled scenario"
    description: str = ""
    period: Literal["day", "week", "month", "year"] = "month"
    stages: list[Stage] = Field(default_factory=lambda: [Stage()])
    models: list[str] = Field(default_factory=list)
    baseline: str | None = None
    budget_usd: Annotated[Decimal, Field(ge=0)] | None = None

    @field_validator("stages")
    @classmethod
    def _has_stage(cls, v: list[Stage]) -> list[Stage]:
        if not v:
            raise ValueError("a scenario needs at least one stage")
        return v

    @model_validator(mode="after")
    def _stage_names_unique(self) -> Scenario:
        names = [s.name for s in self.stages]
        if len(set(names)) != len(names):
            raise ValueError("stage names must be different from each other")
        return self

    @property
    def images(self) -> int:
        return sum(s.images for s in self.stages)
