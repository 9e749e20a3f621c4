"""A workload: what a team will generate over a period, stage by stage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .sizes import Size

SCENARIO_SCHEMA_VERSION: Literal[1] = 1

StageQuality = Literal["low", "medium", "high", "xhigh", "max", "auto"]
AssumedQuality = Literal["low", "medium", "high", "xhigh", "max"]
# Limits, part of the schema (``imgcost schema scenario`` shows them): each is far
# past any real workload, and keeps every estimate a finite number of dollars.
#: A trillion requests a period is past any real workload; beyond it numbers lose meaning.
MAX_REQUESTS = 10**12
MAX_STAGES = 100
MAX_REFERENCES = 16
#: The largest side of an image, as stages allow.
MAX_SIDE = 20000
MAX_TOKENS = 10**7
MAX_USD = 10**12
MAX_USD_PER_M = 10**6
MAX_NAME = 200
MAX_DESCRIPTION = 10_000
MAX_MODELS = 500

Share = Annotated[float, Field(ge=0, le=1)]
Count = Annotated[int, Field(ge=0)]
Volume = Annotated[int, Field(ge=0, le=MAX_REQUESTS)]
Side = Annotated[int, Field(gt=0, le=MAX_SIDE)]
Tokens = Annotated[int, Field(ge=0, le=MAX_TOKENS)]
Name = Annotated[str, Field(max_length=MAX_NAME)]
UsdPerMillion = Annotated[
    Decimal, Field(ge=0, le=MAX_USD_PER_M, description=f"At most {MAX_USD_PER_M:,} USD.")
]


class Editable(BaseModel):
    # Built on first use (see catalog.Strict): a Stage is validated inside its Scenario.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class ReferenceImages(Editable):
    """Images sent with each request (edits, style references)."""

    count: Annotated[int, Field(ge=0, le=MAX_REFERENCES)] = Field(
        0, description=f"Reference images per request, at most {MAX_REFERENCES}."
    )
    width: Side = Field(1024, description=f"Pixels, at most {MAX_SIDE}.")
    height: Side = Field(1024, description=f"Pixels, at most {MAX_SIDE}.")
    high_fidelity: bool = False
    measured_tokens: Tokens | None = Field(
        None,
        description="Input-image tokens per request from your usage logs; replaces the "
        f"estimate. At most {MAX_TOKENS:,}.",
    )
    measured_on: Name | None = Field(
        None,
        description="The model family (or model id) the measured tokens come from; other "
        "models keep their own estimate. Unset: every model (files from before this field).",
    )

    def measured_for(self, model_id: str, family: str | None) -> int | None:
        """The measured tokens, if they were measured on this model's family."""
        if self.measured_tokens is None:
            return None
        if self.measured_on is None or self.measured_on in (model_id, family):
            return self.measured_tokens
        return None

    @property
    def size(self) -> Size:
        return Size(self.width, self.height)


class ResponsesOverhead(Editable):
    """Tokens the main model bills when images are made through the Responses API."""

    input_tokens: Tokens = Field(0, description=f"Per request, at most {MAX_TOKENS:,}.")
    output_tokens: Tokens = Field(0, description=f"Per request, at most {MAX_TOKENS:,}.")
    input_usd_per_m: UsdPerMillion = Decimal("0")
    output_usd_per_m: UsdPerMillion = Decimal("0")


class Stage(Editable):
    """One step of a workload, such as "drafts" or "finals"."""

    name: Name = Field("Images", description=f"At most {MAX_NAME} characters.")
    requests: Volume = Field(1000, description=f"Per period, at most {MAX_REQUESTS:,}.")
    jobs: Volume | None = Field(
        None,
        description="If set, requests = jobs x images_per_job, which may be at most "
        f"{MAX_REQUESTS:,}.",
    )
    images_per_job: Annotated[int, Field(ge=1, le=MAX_REQUESTS)] = 1
    outputs_per_request: Annotated[int, Field(ge=1, le=10)] = 1
    width: Side = Field(1024, description=f"Pixels, at most {MAX_SIDE}.")
    height: Side = Field(1024, description=f"Pixels, at most {MAX_SIDE}.")
    quality: StageQuality = "medium"
    auto_assumes: AssumedQuality = "medium"
    mode: Literal["generate", "edit"] = "generate"
    references: ReferenceImages = ReferenceImages()
    prompt_tokens: Tokens = Field(50, description=f"Per request, at most {MAX_TOKENS:,}.")
    cached_text_share: Share = 0.0
    cached_image_share: Share = 0.0
    retry_multiplier: Annotated[float, Field(ge=1, le=100)] = 1.0
    failure_rate: Annotated[float, Field(ge=0, lt=1)] = 0.0
    partial_images: Annotated[int, Field(ge=0, le=3)] = 0
    batch: bool = False
    responses: ResponsesOverhead | None = None

    @model_validator(mode="after")
    def _requests_in_range(self) -> Stage:
        if self.jobs is not None and self.jobs * self.images_per_job > MAX_REQUESTS:
            raise ValueError(
                f"jobs x images_per_job is {self.jobs * self.images_per_job:,} requests; "
                f"the most a stage can plan is {MAX_REQUESTS:,}"
            )
        return self

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
    name: Name = Field("Untitled scenario", description=f"At most {MAX_NAME} characters.")
    description: Annotated[str, Field(max_length=MAX_DESCRIPTION)] = Field(
        "", description=f"At most {MAX_DESCRIPTION:,} characters."
    )
    period: Literal["day", "week", "month", "year"] = "month"
    stages: list[Stage] = Field(
        default_factory=lambda: [Stage()],
        max_length=MAX_STAGES,
        description=f"At least one stage, at most {MAX_STAGES}.",
    )
    models: list[Name] = Field(
        default_factory=list,
        max_length=MAX_MODELS,
        description=f"Model ids, at most {MAX_MODELS}.",
    )
    baseline: Name | None = None
    budget_usd: Annotated[Decimal, Field(ge=0, le=MAX_USD)] | None = Field(
        None, description=f"At most {MAX_USD:,} USD."
    )
    tiers: dict[Name, Name] = Field(
        default_factory=dict,
        description="Your usage tier with each vendor, by vendor name (OpenAI: free, 1 to "
        "5); how long the work takes depends on it.",
    )
    parallel_requests: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None,
        description="Requests you send at once. Unset: as many as the vendor's limits allow.",
    )
    plan_from: dt.date | None = Field(
        None,
        description="The first day of the period planned; prices and lifecycles are taken "
        "as of this day. Unset: today.",
    )
    finish_within_hours: Annotated[float, Field(gt=0, le=100_000)] | None = Field(
        None,
        description="The work must be done within this many hours: the answer is then the "
        "cheapest option that finishes in time (needs your usage tier). Unset: no limit.",
    )

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
