import pytest

from cosummit.accounts.models import OrganisationType
from cosummit.proposals.gallery import PAGE_SIZE, RANDOM_MODULUS
from cosummit.proposals.public_views import SEED_SESSION_KEY
from tests.proposals.discussion_helpers import gallery_url
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [proposal.pk for proposal in response.context["page"].object_list]


def reference_order(pks, seed) -> list[int]:
    """The random order computed in Python, to compare with the database's."""
    multiplier, offset, shift = seed
    modulus = RANDOM_MODULUS

    def key(pk):
        squared = ((pk + offset) % modulus) ** 2 % modulus
        mixed = (squared * multiplier + shift) % modulus
        return (mixed * mixed % modulus, pk)

    return sorted(pks, key=key)


def give_seed(client, seed):
    session = client.session
    session[SEED_SESSION_KEY] = seed
    session.save()


def test_random_order_is_the_default_and_stays_the_same_for_a_visitor(client, call):
    ProposalFactory.create_batch(12, summit=call.summit)

    first = client.get(gallery_url(call.summit))
    again = client.get(gallery_url(call.summit))

    assert first.context["sort"] == "random"
    assert ids(first) == ids(again)
    assert len(ids(first)) == 12
    assert "shown in an order of their own for you" in first.text


def test_second_page_continues_the_first_without_repeating(client, call):
    proposals = ProposalFactory.create_batch(PAGE_SIZE + 6, summit=call.summit)

    page_one = ids(client.get(gallery_url(call.summit)))
    page_two = ids(client.get(gallery_url(call.summit), {"page": 2}))

    assert (len(page_one), len(page_two)) == (PAGE_SIZE, 6)
    assert sorted(page_one + page_two) == sorted(proposal.pk for proposal in proposals)


@pytest.mark.parametrize(
    "seed",
    [[12345, 678, 9], [RANDOM_MODULUS - 1, 1, RANDOM_MODULUS - 2], [987654321, 123456789, 55]],
)
def test_database_computes_the_same_shuffle_as_the_reference(client, call, seed):
    proposals = ProposalFactory.create_batch(15, summit=call.summit)
    give_seed(client, seed)

    response = client.get(gallery_url(call.summit))

    assert ids(response) == reference_order([proposal.pk for proposal in proposals], seed)


def test_two_visitors_with_different_seeds_see_different_orders(client, call):
    proposals = ProposalFactory.create_batch(15, summit=call.summit)
    pks = [proposal.pk for proposal in proposals]
    seeds = [[12345, 678, 9], [987654321, 123456789, 55]]
    assert reference_order(pks, seeds[0]) != reference_order(pks, seeds[1])

    orders = []
    for seed in seeds:
        give_seed(client, seed)
        orders.append(ids(client.get(gallery_url(call.summit))))

    assert orders == [reference_order(pks, seed) for seed in seeds]


@pytest.mark.parametrize("bad_seed", ["abc", [1, 2], [0, 1, 2], [1, 2, RANDOM_MODULUS]])
def test_a_seed_that_was_tampered_with_is_replaced(client, call, bad_seed):
    ProposalFactory.create_batch(3, summit=call.summit)
    give_seed(client, bad_seed)

    response = client.get(gallery_url(call.summit))

    assert response.status_code == 200
    seed = client.session[SEED_SESSION_KEY]
    assert len(seed) == 3
    assert all(0 < number < RANDOM_MODULUS for number in seed)


def _proposals(summit, count):
    for number in range(count):
        proposal = ProposalFactory(summit=summit, title=f"Open budgets {number}", is_co_led=True)
        ProposalOrganisationFactory(
            proposal=proposal, organisation_type=OrganisationType.GOVERNMENT, country="FR"
        )
        ProposalOrganisationFactory(proposal=proposal, country="KE")


# Session, summit, call (page), call (visibility), tracks, formats, countries, count,
# page of proposals, their organisations.
GALLERY_QUERIES = 10


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    "parameters",
    [
        {},
        {"sort": "supported"},
        {"q": "open budgets", "submitter_type": "government", "country": "KE"},
        {"co_led": "on", "language": "en", "sort": "newest"},
    ],
    ids=["first-page", "sorted", "searched-and-filtered", "filtered"],
)
def test_gallery_makes_a_constant_number_of_queries(
    client, call, django_assert_num_queries, count, parameters
):
    _proposals(call.summit, count)
    client.get(gallery_url(call.summit))

    with django_assert_num_queries(GALLERY_QUERIES):
        response = client.get(gallery_url(call.summit), parameters)

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_gallery_for_a_signed_in_participant_makes_a_constant_number_of_queries(
    client, call, participant, django_assert_num_queries, count
):
    _proposals(call.summit, count)
    client.force_login(participant)
    client.get(gallery_url(call.summit))

    # And the person, and their roles in the summit's team.
    with django_assert_num_queries(GALLERY_QUERIES + 2):
        response = client.get(gallery_url(call.summit))

    assert len(response.context["page"].object_list) == count
