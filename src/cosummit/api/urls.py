"""The API, version 1, mounted at /api/v1/ by cosummit.urls."""

from . import (
    accounts,
    decisions,
    programme,
    programme_builder,
    programme_organise,
    proposals,
    registrations,
    review_scores,
    reviews,
    summits,
    toolbox,
)
from .docs import ServerRenderedDocs
from .framework import CosummitAPI

api = CosummitAPI(
    title="cosummit API",
    version="1",
    description=(
        "Read the summits and their events. Anyone may read public data; an organiser's "
        "token (Authorization: Bearer <token>) also reads what is not published yet."
    ),
    urls_namespace="api-1",
    docs=ServerRenderedDocs(),
)
api.add_router("/summits", summits.router)
api.add_router("/summits", toolbox.router)
api.add_router("/summits", registrations.router)
api.add_router("/me", accounts.router)
api.add_router("/summits", proposals.public_router)
api.add_router("/me", proposals.authors_router)
api.add_router("/summits", reviews.router)
api.add_router("/summits", review_scores.router)
api.add_router("/summits", decisions.router)
api.add_router("/summits", programme.router)
api.add_router("/summits", programme_organise.router)
api.add_router("/summits", programme_builder.router)
