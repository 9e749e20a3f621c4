"""One estimator per pricing scheme: token-metered (GPT Image), per image
(flat, by size and quality, or by resolution tier), per megapixel (FLUX.2),
fixed tokens per image (Gemini) and subscription (Midjourney).

Each stage-priced scheme makes a plan for a stage's shape (``*_plan``), which
prices any stage of that shape at its counts (``billing.StagePlan``). A
subscription prices the whole scenario: its plan depends on the total hours.
"""

from .fixed_token import fixed_token_plan
from .per_image import per_image_plan, per_image_price
from .per_megapixel import megapixels_billed, per_megapixel_plan
from .subscription import subscription_cost, subscription_estimate
from .token import token_plan

__all__ = [
    "fixed_token_plan",
    "megapixels_billed",
    "per_image_plan",
    "per_image_price",
    "per_megapixel_plan",
    "subscription_cost",
    "subscription_estimate",
    "token_plan",
]
