"""Benchmark the proposals' public pages at the size of the reference case.

Builds, with bulk_create, a call with 700 submitted proposals, 5,000 threaded
comments and 20,000 supports from 4,000 people, in a fresh database; then
measures the server time of the gallery (first page, filtered, searched,
sorted) and of proposal pages (the one with the most comments, whose
discussion shows 40 conversations a page, and a typical one) through Django's
test client (median and best of N runs, and the median CPU time of the
process), and the number of queries of each.

    DEBUG=true .venv/bin/python bench/proposals_pages.py                 # SQLite, a new file
    DEBUG=true .venv/bin/python bench/proposals_pages.py --postgres      # PostgreSQL

--postgres drops and creates the database `cosummit_bench_proposals` on
postgres://postgres@127.0.0.1:5432 (or the server named by --postgres-url).
"""

import argparse
import random
import time

from harness import add_database_options, analyze, measure, open_database, paris_summit

PROPOSALS, COMMENTS, SUPPORTS, PEOPLE = 700, 5000, 20000, 4000
# The busiest proposal's discussion: the page that renders the most comments.
BUSIEST_COMMENTS = 300
BENCH_DATABASE = "cosummit_bench_proposals"

WORDS_EN = [
    "open", "budget", "data", "contracting", "parliament", "transparency", "participation",
    "lobbying", "beneficial", "ownership", "procurement", "city", "citizen", "assembly",
    "feedback", "service", "justice", "climate", "extractives", "health", "education",
    "accountability", "civic", "technology",
]  # fmt: skip
WORDS_FR = [
    "ouvert", "budget", "données", "commande", "parlement", "transparence", "participation",
    "lobbying", "bénéficiaires", "effectifs", "marchés", "ville", "citoyen", "assemblée",
    "retours", "service", "justice", "climat", "industries", "santé", "éducation",
    "redevabilité", "civique", "technologie",
]  # fmt: skip
COUNTRIES = ["FR", "KE", "BR", "MX", "GB", "ID", "TN", "UA", "PH", "US", "SN", "CA"]


def text(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count))


def build(rng: random.Random):
    """Write the summit, its call and the proposals with their discussion; return the summit."""
    import datetime as dt

    from allauth.account.models import EmailAddress
    from django.db import transaction
    from django.utils import timezone

    from cosummit.accounts.models import OrganisationType, User
    from cosummit.proposals.models import (
        Call,
        Comment,
        FormatKind,
        Proposal,
        ProposalOrganisation,
        SessionFormat,
        Speaker,
        State,
        Support,
        Track,
    )
    from cosummit.proposals.similarity import normalise

    now = timezone.now()
    with transaction.atomic():
        summit = paris_summit()
        people = User.objects.bulk_create(
            (User(email=f"person{n}@bench.example.org", name=f"Person {n}") for n in range(PEOPLE)),
            batch_size=1000,
        )
        EmailAddress.objects.bulk_create(
            (
                EmailAddress(user=person, email=person.email, verified=True, primary=True)
                for person in people
            ),
            batch_size=1000,
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
                name={"fr": f"Thème {WORDS_FR[n]}", "en": f"Track {WORDS_EN[n]}"},
                position=n,
            )
            for n in range(8)
        )
        types = list(OrganisationType.values)
        proposals = []
        organisations = []
        for n in range(PROPOSALS):
            french = n % 3 == 0
            title = f"{text(rng, WORDS_FR if french else WORDS_EN, 5)} {n}"
            abstract = text(rng, WORDS_FR if french else WORDS_EN, 60)
            other_title = f"{text(rng, WORDS_EN if french else WORDS_FR, 5)} {n}"
            names = [f"Organisation {rng.randint(1, 400)}" for _ in range(rng.randint(1, 3))]
            proposal = Proposal(
                summit=summit,
                state=State.SUBMITTED,
                title=title,
                abstract=abstract,
                description=f"## {title}\n\n{text(rng, WORDS_EN, 150)}\n\n- one\n- two\n",
                language="fr" if french else "en",
                other_language="en" if french else "fr",
                other_title=other_title if n % 2 else "",
                format=rng.choice(formats),
                track=rng.choice(tracks),
                session_language=rng.choice(["fr", "en"]),
                created_by=people[n % PEOPLE],
                submitted_at=now - dt.timedelta(minutes=n * 37),
                is_co_led=n % 5 == 0,
                search_text=normalise(" ".join([title, abstract, other_title, *names])),
            )
            proposals.append(proposal)
            organisations.append(names)
        proposals = Proposal.objects.bulk_create(proposals, batch_size=500)
        Speaker.objects.bulk_create(
            (
                Speaker(proposal=proposal, user=proposal.created_by, is_author=True)
                for proposal in proposals
            ),
            batch_size=1000,
        )
        ProposalOrganisation.objects.bulk_create(
            (
                ProposalOrganisation(
                    proposal=proposal,
                    name=name,
                    organisation_type=rng.choice(types),
                    country=rng.choice(COUNTRIES),
                    position=position,
                )
                for proposal, names in zip(proposals, organisations, strict=True)
                for position, name in enumerate(names)
            ),
            batch_size=1000,
        )

        supports = set()
        while len(supports) < SUPPORTS:
            # Some proposals draw much more support than others.
            index = min(int(rng.expovariate(1 / 120)), PROPOSALS - 1)
            supports.add((proposals[index].pk, rng.choice(people).pk))
        Support.objects.bulk_create(
            (Support(proposal_id=proposal, user_id=user) for proposal, user in supports),
            batch_size=2000,
        )

        busiest = proposals[0]
        owners = [busiest] * BUSIEST_COMMENTS + [
            rng.choice(proposals) for _ in range(COMMENTS - BUSIEST_COMMENTS)
        ]
        comments = Comment.objects.bulk_create(
            (
                Comment(
                    proposal=proposal,
                    author=rng.choice(people),
                    body=f"{text(rng, WORDS_EN, 40)}\n\n*{text(rng, WORDS_EN, 3)}*",
                )
                for proposal in owners
            ),
            batch_size=1000,
        )
        # A third of the comments become replies to an earlier comment of the same
        # proposal, two levels deep at most below it.
        by_proposal: dict[int, list] = {}
        for comment in comments:
            earlier = by_proposal.setdefault(comment.proposal_id, [])
            if earlier and rng.random() < 0.33:
                parent = rng.choice(earlier)
                if parent.depth < 3:
                    comment.parent = parent
                    comment.depth = parent.depth + 1
            earlier.append(comment)
        # Comments were written over the two months of the public discussion.
        step = dt.timedelta(days=60) / len(comments)
        for index, comment in enumerate(comments):
            comment.created_at = now - dt.timedelta(days=60) + step * index
        Comment.objects.bulk_update(comments, ["parent", "depth", "created_at"], batch_size=1000)

        counts_supports: dict[int, int] = {}
        for proposal_id, _user in supports:
            counts_supports[proposal_id] = counts_supports.get(proposal_id, 0) + 1
        for proposal in proposals:
            proposal.supports_count = counts_supports.get(proposal.pk, 0)
            proposal.comments_count = len(by_proposal.get(proposal.pk, []))
        Proposal.objects.bulk_update(
            proposals, ["supports_count", "comments_count"], batch_size=500
        )
    most_discussed = max(proposals, key=lambda proposal: proposal.comments_count)
    typical = next(proposal for proposal in proposals if proposal.comments_count == 8)
    return summit, most_discussed, typical, tracks[2], people[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_database_options(parser)
    parser.add_argument("--runs", type=int, default=30, help="Requests per measure (30).")
    args = parser.parse_args()
    workdir = open_database(args, BENCH_DATABASE)

    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    summit, busiest, typical, track, participant = build(random.Random(2016))
    built = time.perf_counter() - started
    analyze()
    print(
        f"{connection.vendor}: built {PROPOSALS} proposals, {COMMENTS} comments, "
        f"{SUPPORTS} supports from {PEOPLE} people in {built:.1f} s"
    )

    visitor = Client(headers={"accept-language": "en"})
    member = Client(headers={"accept-language": "en"})
    member.force_login(participant)
    gallery = f"/en/{summit.slug}/proposals/"
    page = f"{gallery}{busiest.pk}/"
    cases = [
        ("gallery, first page (shuffled)", visitor, gallery, {}),
        ("gallery, page 20 (shuffled)", visitor, gallery, {"page": 20}),
        ("gallery, most supported", visitor, gallery, {"sort": "supported"}),
        ("gallery, track + government + co-led", visitor, gallery,
         {"track": track.slug, "submitter_type": "government", "co_led": "on"}),
        ("gallery, search “budget”", visitor, gallery, {"q": "budget"}),
        ("gallery, search “données ouvert” + country", visitor, gallery,
         {"q": "données ouvert", "country": "KE"}),
        ("gallery, signed in", member, gallery, {}),
        (f"proposal page, {busiest.comments_count} comments, page 1", visitor, page, {}),
        (f"proposal page, {busiest.comments_count} comments, page 1, signed in", member,
         page, {}),
        (f"proposal page, {busiest.comments_count} comments, page 3", visitor, page,
         {"comments": 3}),
        ("proposal page, 8 comments (a typical one)", visitor, f"{gallery}{typical.pk}/", {}),
        ("API list, search “budget”", visitor, f"/api/v1/summits/{summit.slug}/proposals",
         {"q": "budget"}),
    ]  # fmt: skip
    print(f"{'measure':56} {'median ms':>9} {'best ms':>8} {'CPU ms':>7} {'queries':>8}")
    for label, client, url, params in cases:
        result = measure(client, url, params, args.runs)
        assert result["status"] == 200, (label, result["status"])
        print(
            f"{label:56} {result['median']:9.1f} {result['best']:8.1f} {result['cpu']:7.1f} "
            f"{result['queries']:8d}"
        )
    connection.close()
    workdir.cleanup()


if __name__ == "__main__":
    main()
