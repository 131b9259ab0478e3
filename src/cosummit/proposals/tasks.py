"""Background jobs of the call for proposals: thin wrappers around domain functions."""

from django.tasks import task

from .discussion import send_digests


@task
def send_proposal_digests() -> int:
    """Queue the daily digests of followed proposals that are due; return how many."""
    return send_digests()
