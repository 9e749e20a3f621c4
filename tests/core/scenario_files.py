"""Scenario files for the storage tests: a scenario that uses every field, and a
file written by hand."""

from decimal import Decimal

from imgcost_gui.core import ReferenceImages, ResponsesOverhead, Scenario, Stage


def rich_scenario() -> Scenario:
    return Scenario(
        name="Catalogue shoot",
        description="Drafts, then finals with a product photo as reference",
        period="week",
        stages=[
            Stage(name="Drafts", requests=400, width=1024, height=1024, quality="low", batch=True),
            Stage(
                name="Finals",
                jobs=20,
                images_per_job=3,
                outputs_per_request=2,
                width=1536,
                height=1024,
                quality="auto",
                auto_assumes="high",
                mode="edit",
                references=ReferenceImages(count=2, width=2048, height=1365, high_fidelity=True),
                prompt_tokens=320,
                cached_text_share=0.25,
                cached_image_share=0.5,
                retry_multiplier=1.3,
                failure_rate=0.05,
                partial_images=2,
                responses=ResponsesOverhead(
                    input_tokens=900, output_tokens=80, input_usd_per_m=Decimal("2.50")
                ),
            ),
        ],
        models=["gpt-image-2", "gpt-image-1.5"],
        baseline="gpt-image-1.5",
        budget_usd=Decimal("250.50"),
    )


def write(tmp_path, text, name="bad.imgcost.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
