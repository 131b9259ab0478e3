"""Benchmark the review table at the size of the reference case.

Builds, with bulk_create, a summit with 700 submitted proposals (each with its
author and one to three organisations), 4 review criteria, 60 reviewers and
2,100 reviews (three per proposal, a few abstentions) and 150 decisions, in a
fresh database; then measures the server time of the review table page, whole
(every row is rendered), sorted, filtered and for a convener of two tracks,
of its CSV export and of the API's first page, through Django's test client:
median, 95th percentile and best of N runs, the median and 95th percentile
CPU time of this process, and the number of queries of each.

    DEBUG=true .venv/bin/python bench/review_table.py                 # SQLite, a new file
    DEBUG=true .venv/bin/python bench/review_table.py --postgres      # PostgreSQL

--postgres drops and creates the database `cosummit_bench_review_table` on
postgres://postgres@127.0.0.1:5432 (or the server named by --postgres-url),
and drops it at the end.

The 95th percentile is set by the full garbage collections of the process
(Django and its apps hold some 220,000 objects), which come every dozen heavy
requests whatever the page. --gc-freeze moves the objects alive after the
warm-up out of the collector's sight with gc.freeze(), as a gunicorn worker
does when its configuration calls gc.freeze() once the application is loaded,
to show what is left of the tail then.
"""

import argparse
import gc
import random
import time

from harness import (
    add_database_options,
    analyze,
    drop_postgres,
    measure,
    open_database,
    paris_summit,
)

PROPOSALS, REVIEWERS, REVIEWS_PER_PROPOSAL, CRITERIA = 700, 60, 3, 4
ABSTENTION_RATE = 0.03
PENDING_DECISIONS, APPLIED_DECISIONS = 100, 50
BENCH_DATABASE = "cosummit_bench_review_table"

WORDS = [
    "open", "budget", "data", "contracting", "parliament", "transparency", "participation",
    "lobbying", "beneficial", "ownership", "procurement", "city", "citizen", "assembly",
    "feedback", "service", "justice", "climate", "extractives", "health", "education",
    "accountability", "civic", "technology",
]  # fmt: skip
CRITERIA_NAMES = [
    ({"fr": "Valeurs du gouvernement ouvert", "en": "Open-government values"}, 2),
    ({"fr": "Qualité", "en": "Quality"}, 1),
    ({"fr": "Co-création", "en": "Co-creation"}, 2),
    ({"fr": "Faisabilité", "en": "Feasibility"}, 1),
]


def build(rng: random.Random):
    """Write the summit and its review; return (summit, organiser, convener, a track)."""
    import datetime as dt

    from allauth.account.models import EmailAddress
    from django.db import transaction
    from django.utils import timezone

    from cosummit.accounts.models import OrganisationType, User
    from cosummit.proposals.models import (
        Call,
        FormatKind,
        Proposal,
        ProposalOrganisation,
        SessionFormat,
        Speaker,
        State,
        Track,
    )
    from cosummit.review.domain import weighted_total
    from cosummit.review.models import (
        Criterion,
        Decision,
        Outcome,
        Review,
        Reviewer,
        ReviewerTeam,
        ReviewSettings,
    )
    from cosummit.summits.models import Role, TeamMembership

    now = timezone.now()
    with transaction.atomic():
        summit = paris_summit()
        ReviewSettings.objects.create(summit=summit, is_blind=True, reviews_per_proposal=3)
        criteria = Criterion.objects.bulk_create(
            Criterion(summit=summit, name=name, weight=weight, scale_min=0, scale_max=5, position=n)
            for n, (name, weight) in enumerate(CRITERIA_NAMES)
        )
        authors = User.objects.bulk_create(
            (
                User(email=f"author{n}@bench.example.org", name=f"Author {n}")
                for n in range(PROPOSALS)
            ),
            batch_size=1000,
        )
        reviewer_users = User.objects.bulk_create(
            User(
                email=f"reviewer{n}@bench.example.org",
                name=f"Reviewer {n}",
                organisation=f"Review Institute {n}",
            )
            for n in range(REVIEWERS)
        )
        organiser = User.objects.create(email="organiser@bench.example.org", name="Organiser")
        # A verified address, which API tokens need.
        EmailAddress.objects.create(
            user=organiser, email=organiser.email, verified=True, primary=True
        )
        TeamMembership.objects.bulk_create(
            [TeamMembership(summit=summit, user=organiser, role=Role.ORGANISER)]
            + [
                TeamMembership(summit=summit, user=user, role=Role.REVIEWER)
                for user in reviewer_users
            ]
        )
        reviewers = Reviewer.objects.bulk_create(
            Reviewer(summit=summit, user=user, languages=["fr", "en"]) for user in reviewer_users
        )
        call = Call.objects.create(summit=summit)
        formats = SessionFormat.objects.bulk_create(
            SessionFormat(call=call, kind=kind, name={"fr": label, "en": label}, position=n)
            for n, (kind, label) in enumerate(FormatKind.choices)
        )
        tracks = Track.objects.bulk_create(
            Track(
                summit=summit,
                slug=f"track-{n}",
                name={"fr": f"Thème {WORDS[n]}", "en": f"Track {WORDS[n]}"},
                position=n,
            )
            for n in range(8)
        )
        # The first reviewer convenes the first two tracks.
        conveners = ReviewerTeam.objects.create(
            summit=summit, name={"fr": "Journée OSC", "en": "CSO Day"}, can_decide=True
        )
        conveners.tracks.set(tracks[:2])
        conveners.members.set(reviewers[:1])

        proposals = Proposal.objects.bulk_create(
            (
                Proposal(
                    summit=summit,
                    state=State.SUBMITTED,
                    title=f"{' '.join(rng.choice(WORDS) for _ in range(5))} {n}",
                    abstract=" ".join(rng.choice(WORDS) for _ in range(60)),
                    language="fr" if n % 3 == 0 else "en",
                    format=rng.choice(formats),
                    track=rng.choice(tracks),
                    session_language=rng.choice(["fr", "en"]),
                    created_by=authors[n],
                    submitted_at=now - dt.timedelta(minutes=n * 37),
                    is_co_led=n % 5 == 0,
                )
                for n in range(PROPOSALS)
            ),
            batch_size=500,
        )
        Speaker.objects.bulk_create(
            (
                Speaker(proposal=proposal, user=proposal.created_by, is_author=True)
                for proposal in proposals
            ),
            batch_size=1000,
        )
        types = list(OrganisationType.values)
        ProposalOrganisation.objects.bulk_create(
            (
                ProposalOrganisation(
                    proposal=proposal,
                    name=f"Organisation {rng.randint(1, 400)}",
                    organisation_type=rng.choice(types),
                    country="FR",
                    position=position,
                )
                for proposal in proposals
                for position in range(rng.randint(1, 3))
            ),
            batch_size=1000,
        )
        reviews = []
        for proposal in proposals:
            for reviewer in rng.sample(reviewers, REVIEWS_PER_PROPOSAL):
                if rng.random() < ABSTENTION_RATE:
                    reviews.append(
                        Review(reviewer=reviewer, proposal=proposal, is_abstained=True, total=None)
                    )
                    continue
                scores = {str(criterion.pk): rng.randint(0, 5) for criterion in criteria}
                reviews.append(
                    Review(
                        reviewer=reviewer,
                        proposal=proposal,
                        scores=scores,
                        total=weighted_total(scores, criteria),
                        comment=" ".join(rng.choice(WORDS) for _ in range(30)),
                    )
                )
        Review.objects.bulk_create(reviews, batch_size=1000)
        decided = rng.sample(proposals, PENDING_DECISIONS + APPLIED_DECISIONS)
        Decision.objects.bulk_create(
            Decision(
                proposal=proposal,
                outcome=rng.choice(Outcome.values),
                applied_at=now if index < APPLIED_DECISIONS else None,
            )
            for index, proposal in enumerate(decided)
        )
    return summit, organiser, reviewer_users[0], tracks[0], len(reviews)


def measure_assignment_run(summit, organiser) -> None:
    """Time the organisers' "Run the assignment" from the database, before any review.

    The reviews are deleted first (they would all be kept as they are), so
    that the run reads the 700 proposals and 60 reviewers, finds the conflicts
    of interest, computes the affinities and solves.
    """
    from cosummit.review import domain
    from cosummit.review.models import Review

    Review.objects.filter(reviewer__summit=summit).delete()
    for fairness in (False, True):
        started = time.perf_counter()
        pool = domain.assignment_pool(summit)
        read = time.perf_counter() - started
        started = time.perf_counter()
        run = domain.run_assignment(summit, by=organiser, fairness=fairness)
        total = time.perf_counter() - started
        print(
            f"run the assignment{' (fairest first)' if fairness else ''}: {total:.2f} s in all "
            f"(reading the pool {read:.2f} s, {len(pool.forbidden)} forbidden pairs; "
            f"solver {run.seconds:.2f} s); {len(run.pairs)} reviews, total affinity "
            f"{run.total_affinity:.2f}, lowest per proposal {run.lowest_affinity:.2f}, "
            f"{'proven optimal' if run.is_optimal else 'not proven optimal'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_database_options(parser)
    parser.add_argument("--runs", type=int, default=50, help="Requests per measure (50).")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="Freeze the objects alive after the warm-up, as a tuned gunicorn worker does.",
    )
    args = parser.parse_args()
    workdir = open_database(args, BENCH_DATABASE)

    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    summit, organiser, convener, track, review_count = build(random.Random(2016))
    built = time.perf_counter() - started
    analyze()
    print(
        f"{connection.vendor}: built {PROPOSALS} proposals, {REVIEWERS} reviewers, "
        f"{review_count} reviews on {CRITERIA} criteria in {built:.1f} s"
    )

    as_organiser = Client(headers={"accept-language": "en"})
    as_organiser.force_login(organiser)
    as_convener = Client(headers={"accept-language": "en"})
    as_convener.force_login(convener)
    from cosummit.api.domain import create_api_token

    _token, raw = create_api_token(organiser, name="Bench")
    api = Client(headers={"accept-language": "en", "authorization": f"Bearer {raw}"})

    page = f"/en/{summit.slug}/review/table/"
    if args.gc_freeze:
        as_organiser.get(page)
        gc.collect()
        gc.freeze()
    cases = [
        ("table, organiser, all 700 rows (by weighted total)", as_organiser, page, {}),
        ("table, organiser, all rows, sorted by spread", as_organiser, page, {"sort": "-spread"}),
        ("table, organiser, all rows, sorted by title", as_organiser, page, {"sort": "title"}),
        ("table, organiser, one track + disagreement", as_organiser, page,
         {"track": track.slug, "disagreement": "on"}),
        ("table, organiser, in French", as_organiser, f"/fr/{summit.slug}/review/table/", {}),
        ("table, convener of 2 tracks (blind)", as_convener, page, {}),
        ("CSV export, organiser, all rows", as_organiser, f"{page}export.csv", {}),
        ("API scores, first 100", api, f"/api/v1/summits/{summit.slug}/review/scores",
         {"limit": 100}),
    ]  # fmt: skip
    if args.gc_freeze:
        print(f"gc.freeze(): {gc.get_freeze_count()} objects frozen after the warm-up")
    print(
        f"{'measure':52} {'median ms':>9} {'p95 ms':>7} {'best ms':>8} {'CPU ms':>7} "
        f"{'CPU p95':>8} {'queries':>8} {'KiB':>6}"
    )
    for label, client, url, params in cases:
        result = measure(client, url, params, args.runs)
        assert result["status"] == 200, (label, result["status"])
        print(
            f"{label:52} {result['median']:9.1f} {result['p95']:7.1f} {result['best']:8.1f} "
            f"{result['cpu']:7.1f} {result['cpu_p95']:8.1f} {result['queries']:8d} "
            f"{result['size'] / 1024:6.0f}"
        )
    measure_assignment_run(summit, organiser)
    connection.close()
    workdir.cleanup()
    if args.postgres:
        drop_postgres(args.postgres_url, BENCH_DATABASE)


if __name__ == "__main__":
    main()
