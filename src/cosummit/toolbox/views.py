"""Pages of a summit's toolbox: the catalogue, cards, collections and moderation.

Views find objects through `queries.py` and write through `domain.py`; a
refused input is shown again with its errors, status 400, and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import domain, forms, importexport, queries
from .models import ArgumentSide, Card, CardKind

PAGE_SIZE = 24


def _render(request, template: str, summit, *, status: int = 200, **context):
    return render(
        request,
        f"toolbox/{template}",
        {
            "summit": summit,
            "can_moderate": queries.can_moderate(request.user, summit),
            "can_organise": queries.can_organise(request.user, summit),
            **context,
        },
        status=status,
    )


def _forbidden(request, summit, message: str):
    return _render(request, "forbidden.html", summit, status=403, message=message)


def _why_not_take_part(request, summit) -> str:
    if queries.is_blocked(request.user, summit):
        return _("The moderators have blocked your account from writing in this toolbox.")
    return _("Verify your e-mail address first: we sent you a link when you signed up.")


def _participant_summit(request, slug):
    """The summit and None, or the summit and a 403 answer for who may not take part."""
    summit = queries.get_summit_for_user(request.user, slug)
    if not queries.can_take_part(request.user, summit):
        return summit, _forbidden(request, summit, _why_not_take_part(request, summit))
    return summit, None


# The catalogue.


def catalogue(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    tags = queries.tags_of(summit)
    form = forms.CatalogueFilterForm(request.GET or None, tags=tags)
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    cards = queries.catalogue(summit, filters, language=get_language())
    page = Paginator(cards, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = list(page.object_list)
    for card in cards:
        card.summit = summit  # known already: the cards' query needs no join
    return _render(
        request,
        "catalogue.html",
        summit,
        status=400 if form.errors else 200,
        form=form,
        selects=form.selects(),
        filters=filters,
        page=page,
        cards=cards,
    )


def card_detail(request, summit, card):
    summit = queries.get_summit_for_user(request.user, summit)
    card = queries.get_card_for_user(request.user, summit, card)
    return _card_page(request, summit, card)


def _card_page(request, summit, card, *, status: int = 200, **bound_forms):
    user = request.user
    can_take_part = queries.can_take_part(user, summit)
    rating = queries.rating_of(user, card)
    argument = queries.argument_of(user, card)
    arguments = queries.visible_arguments(card)
    collections = list(queries.collections_of(user, summit)) if can_take_part else []
    context = {
        "card": card,
        "tags": list(card.tags.all()),
        "link_groups": queries.link_groups(card),
        "arguments_for": [a for a in arguments if a.side == ArgumentSide.FOR],
        "arguments_against": [a for a in arguments if a.side == ArgumentSide.AGAINST],
        "can_take_part": can_take_part,
        "can_edit": queries.can_edit_card(user, card),
        "my_rating": rating,
        "my_argument": argument,
        "rating_form": bound_forms.get("rating_form")
        or forms.RatingForm(initial={"score": rating.score if rating else None}),
        "argument_form": bound_forms.get("argument_form")
        or forms.ArgumentForm(
            initial={"side": argument.side, "text": argument.text} if argument else None
        ),
        "collect_form": bound_forms.get("collect_form")
        or forms.CollectForm(collections=collections),
        "collections": collections,
    }
    return _render(request, "card_detail.html", summit, status=status, **context)


@login_required
def card_create(request, summit):
    summit, refused = _participant_summit(request, summit)
    if refused:
        return refused
    initial_kind = request.GET.get("kind")
    form = forms.CardForm(
        request.POST if request.method == "POST" else None,
        instance=Card(summit=summit),
        summit=summit,
        initial={"kind": initial_kind if initial_kind in CardKind.values else CardKind.TOOL},
    )
    if form.is_valid():
        try:
            card = domain.create_card(
                summit, by=request.user, kind=form.cleaned_data["kind"], **form.card_fields()
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: the card is now in the toolbox."))
            return redirect(card)
    status = 400 if form.errors else 200
    return _render(request, "card_form.html", summit, status=status, form=form, card=None)


@login_required
def card_edit(request, summit, card):
    summit = queries.get_summit_for_user(request.user, summit)
    card = queries.get_card_for_editor(request.user, summit, card)
    draft = Card.objects.get(pk=card.pk)
    form = forms.CardForm(
        request.POST if request.method == "POST" else None, instance=draft, summit=summit
    )
    if form.is_valid():
        try:
            domain.update_card(card, by=request.user, **form.card_fields())
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The card was saved."))
            return redirect(card)
    status = 400 if form.errors else 200
    return _render(request, "card_form.html", summit, status=status, form=form, card=card)


def _card_for_participant(request, summit_slug, card_slug):
    summit, refused = _participant_summit(request, summit_slug)
    card = queries.get_card_for_user(request.user, summit, card_slug)
    if card.hidden_at is not None and not refused:
        refused = _forbidden(request, summit, _("This card is hidden by the moderators."))
    return summit, card, refused


@login_required
@require_POST
def card_rate(request, summit, card):
    summit, card, refused = _card_for_participant(request, summit, card)
    if refused:
        return refused
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        domain.rate_card(card, by=request.user, score=form.cleaned_data["score"])
        messages.success(request, _("Your rating was saved."))
        return redirect(card)
    return _card_page(request, summit, card, status=400, rating_form=form)


@login_required
@require_POST
def rating_withdraw(request, summit, card):
    summit, card, refused = _card_for_participant(request, summit, card)
    if refused:
        return refused
    domain.withdraw_rating(card, by=request.user)
    messages.success(request, _("Your rating was withdrawn."))
    return redirect(card)


@login_required
@require_POST
def card_argue(request, summit, card):
    summit, card, refused = _card_for_participant(request, summit, card)
    if refused:
        return refused
    form = forms.ArgumentForm(request.POST)
    if form.is_valid():
        try:
            domain.argue(card, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Your argument was saved."))
            return redirect(card)
    return _card_page(request, summit, card, status=400, argument_form=form)


@login_required
@require_POST
def argument_withdraw(request, summit, card):
    summit, card, refused = _card_for_participant(request, summit, card)
    if refused:
        return refused
    domain.withdraw_argument(card, by=request.user)
    messages.success(request, _("Your argument was withdrawn."))
    return redirect(card)


@login_required
def card_report(request, summit, card):
    summit, card, refused = _card_for_participant(request, summit, card)
    if refused:
        return refused
    return _report_page(request, summit, card, card, domain.report_card)


@login_required
def argument_report(request, summit, argument):
    summit, refused = _participant_summit(request, summit)
    argument = queries.get_argument_for_user(request.user, summit, argument)
    if refused:
        return refused
    return _report_page(request, summit, argument, argument.card, domain.report_argument)


def _report_page(request, summit, target, card, report):
    form = forms.ReportForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            report(target, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: the moderators will look at your report."))
            return redirect(card)
    status = 400 if form.errors else 200
    return _render(
        request, "report_form.html", summit, status=status, form=form, target=target, card=card
    )


@login_required
def card_links(request, summit, card):
    """Search for a card to link to, then link it."""
    summit = queries.get_summit_for_user(request.user, summit)
    card = queries.get_card_for_editor(request.user, summit, card)
    q = request.GET.get("q", "")[:200]
    form = forms.LinkForm(request.POST if request.method == "POST" else None, card=card)
    if form.is_valid():
        other = queries.public_cards(summit).filter(slug=form.cleaned_data["target"]).first()
        if other is None:
            form.add_error("target", _("There is no card with this short name."))
        else:
            try:
                source, link_type, target = domain.parse_link_choice(
                    card, form.cleaned_data["link_type"], other
                )
                domain.add_link(source=source, link_type=link_type, target=target, by=request.user)
            except ValidationError as error:
                forms.apply_errors(form, error)
            else:
                messages.success(request, _("The cards are now linked."))
                return redirect(card)
    return _render(
        request,
        "card_links.html",
        summit,
        status=400 if form.errors else 200,
        card=card,
        form=form,
        q=q,
        candidates=queries.link_candidates(card, q) if q else [],
        link_groups=queries.link_groups(card),
    )


@login_required
@require_POST
def link_remove(request, summit, card, link):
    summit = queries.get_summit_for_user(request.user, summit)
    card = queries.get_card_for_editor(request.user, summit, card)
    link = queries.get_link_for_editor(request.user, card, link)
    domain.remove_link(link, by=request.user)
    messages.success(request, _("The link was removed."))
    return redirect("toolbox:card_links", summit=summit.slug, card=card.slug)


@login_required
@require_POST
def card_collect(request, summit, card):
    summit, card, refused = _card_for_participant(request, summit, card)
    if refused:
        return refused
    collections = list(queries.collections_of(request.user, summit))
    form = forms.CollectForm(request.POST, collections=collections)
    if form.is_valid():
        collection = form.collections[form.cleaned_data["collection"]]
        domain.add_to_collection(
            collection, card=card, note=form.cleaned_data["note"], by=request.user
        )
        messages.success(
            request,
            _("The card is in your collection “%(title)s”.") % {"title": collection.title},
        )
        return redirect(card)
    return _card_page(request, summit, card, status=400, collect_form=form)


# Collections.


def collection_list(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    page = Paginator(queries.public_collections(summit), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return _render(
        request, "collection_list.html", summit, page=page, collections=list(page.object_list)
    )


@login_required
def my_collections(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    return _render(
        request,
        "my_collections.html",
        summit,
        collections=list(queries.collections_of(request.user, summit)),
    )


@login_required
def collection_create(request, summit):
    summit, refused = _participant_summit(request, summit)
    if refused:
        return refused
    form = forms.CollectionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        collection = domain.create_collection(summit, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your collection was created. Add cards from their pages."))
        return redirect(collection)
    status = 400 if form.errors else 200
    return _render(
        request, "collection_form.html", summit, status=status, form=form, collection=None
    )


def collection_detail(request, summit, token):
    summit = queries.get_summit_for_user(request.user, summit)
    collection = queries.get_collection_for_user(request.user, summit, token)
    is_owner = request.user.is_authenticated and collection.owner_id == request.user.pk
    return _render(
        request,
        "collection_detail.html",
        summit,
        collection=collection,
        items=queries.collection_items(collection),
        is_owner=is_owner,
    )


@login_required
def collection_edit(request, summit, token):
    summit = queries.get_summit_for_user(request.user, summit)
    collection = queries.get_collection_for_owner(request.user, summit, token)
    draft = type(collection).objects.get(pk=collection.pk)
    form = forms.CollectionForm(request.POST if request.method == "POST" else None, instance=draft)
    if form.is_valid():
        domain.update_collection(collection, by=request.user, **form.cleaned_data)
        messages.success(request, _("The collection was saved."))
        return redirect(collection)
    status = 400 if form.errors else 200
    return _render(
        request, "collection_form.html", summit, status=status, form=form, collection=collection
    )


@login_required
def collection_delete(request, summit, token):
    summit = queries.get_summit_for_user(request.user, summit)
    collection = queries.get_collection_for_owner(request.user, summit, token)
    if request.method == "POST":
        domain.delete_collection(collection, by=request.user)
        messages.success(request, _("The collection was deleted."))
        return redirect("toolbox:my_collections", summit=summit.slug)
    return _render(request, "collection_delete.html", summit, collection=collection)


def _owned_item(request, summit_slug, token, item_id):
    summit = queries.get_summit_for_user(request.user, summit_slug)
    collection = queries.get_collection_for_owner(request.user, summit, token)
    return collection, queries.get_item_for_owner(request.user, collection, item_id)


@login_required
@require_POST
def item_remove(request, summit, token, item):
    collection, item = _owned_item(request, summit, token, item)
    domain.remove_from_collection(item, by=request.user)
    messages.success(request, _("The card was removed from the collection."))
    return redirect(collection)


@login_required
@require_POST
def item_move(request, summit, token, item):
    collection, item = _owned_item(request, summit, token, item)
    step = request.POST.get("step")
    if step in ("up", "down"):
        domain.move_collection_item(item, by=request.user, step=-1 if step == "up" else 1)
    return redirect(collection)


@login_required
@require_POST
def item_note(request, summit, token, item):
    collection, item = _owned_item(request, summit, token, item)
    form = forms.ItemNoteForm(request.POST)
    if form.is_valid():
        domain.add_to_collection(
            collection, card=item.card, note=form.cleaned_data["note"], by=request.user
        )
        messages.success(request, _("The note was saved."))
    else:
        messages.error(request, _("The note was not saved: keep it under 500 characters."))
    return redirect(collection)


# Moderation.


@login_required
def moderation_queue(request, summit):
    summit = queries.get_summit_for_moderator(request.user, summit)
    return _render(
        request,
        "moderation_queue.html",
        summit,
        cards=list(queries.reported_cards(summit)[:200]),
        arguments=list(queries.reported_arguments(summit)[:200]),
        blocks=list(queries.blocked_people(summit)),
        form=forms.ModerationNoteForm(),
    )


MODERATION_ACTIONS = {
    "hide": domain.hide,
    "restore": domain.restore,
    "dismiss": domain.dismiss_reports,
}


@login_required
@require_POST
def moderate_card(request, summit, card, action):
    summit = queries.get_summit_for_moderator(request.user, summit)
    target = queries.get_reported_card(summit, card)
    return _moderate(request, summit, target, action)


@login_required
@require_POST
def moderate_argument(request, summit, argument, action):
    summit = queries.get_summit_for_moderator(request.user, summit)
    target = queries.get_reported_argument(summit, argument)
    return _moderate(request, summit, target, action)


def _moderate(request, summit, target, action):
    if action not in MODERATION_ACTIONS:
        raise Http404
    form = forms.ModerationNoteForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    MODERATION_ACTIONS[action](target, by=request.user, reason=reason)
    messages.success(request, _("Done: the moderation log keeps a note of it."))
    return redirect("toolbox:moderation", summit=summit.slug)


@login_required
@require_POST
def block(request, summit, user):
    summit = queries.get_summit_for_moderator(request.user, summit)
    person = get_user_model().objects.filter(pk=user).first()
    if person is None:
        raise Http404
    form = forms.ModerationNoteForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        domain.block_person(summit, user=person, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(person)s can no longer write in this toolbox.") % {"person": person}
        )
    return redirect("toolbox:moderation", summit=summit.slug)


@login_required
@require_POST
def unblock(request, summit, user):
    summit = queries.get_summit_for_moderator(request.user, summit)
    person = get_user_model().objects.filter(pk=user).first()
    if person is None:
        raise Http404
    domain.unblock_person(summit, user=person, by=request.user)
    messages.success(request, _("%(person)s may write again.") % {"person": person})
    return redirect("toolbox:moderation", summit=summit.slug)


@login_required
def moderation_log(request, summit):
    summit = queries.get_summit_for_moderator(request.user, summit)
    page = Paginator(queries.moderation_log(summit), 50).get_page(request.GET.get("page"))
    return _render(
        request, "moderation_log.html", summit, page=page, actions=list(page.object_list)
    )


# Themes, settings, import and export.


@login_required
def tag_list(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    if not queries.can_manage_tags(request.user, summit):
        raise Http404
    return _tag_form_page(request, summit, None)


@login_required
def tag_edit(request, summit, tag):
    summit = queries.get_summit_for_user(request.user, summit)
    tag = queries.get_tag_for_manager(request.user, summit, tag)
    return _tag_form_page(request, summit, tag)


def _tag_form_page(request, summit, tag):
    draft = type(tag).objects.get(pk=tag.pk) if tag else None
    form = forms.TagForm(request.POST if request.method == "POST" else None, instance=draft)
    if form.is_valid():
        try:
            domain.save_tag(summit, by=request.user, tag=tag, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The theme was saved."))
            return redirect("toolbox:tags", summit=summit.slug)
    return _render(
        request,
        "tags.html",
        summit,
        status=400 if form.errors else 200,
        form=form,
        tag=tag,
        tags=queries.tags_of(summit),
    )


@login_required
def manage(request, summit):
    """The organisers' page: the reports threshold and the catalogue import."""
    summit = queries.get_summit_for_organiser(request.user, summit)
    current = queries.settings_for(summit)
    settings_form = forms.SettingsForm(initial={"reports_to_hide": current.reports_to_hide})
    import_form = forms.ImportForm()
    result = None
    status = 200
    if request.method == "POST" and "reports_to_hide" in request.POST:
        settings_form = forms.SettingsForm(request.POST)
        if settings_form.is_valid():
            domain.set_toolbox_settings(summit, by=request.user, **settings_form.cleaned_data)
            messages.success(request, _("The settings were saved."))
            return redirect("toolbox:manage", summit=summit.slug)
        status = 400
    elif request.method == "POST":
        import_form = forms.ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            result = importexport.import_catalogue(
                summit,
                by=request.user,
                content=upload.read(importexport.MAX_IMPORT_BYTES + 1),
                filename=upload.name,
            )
            if result.ok:
                messages.success(
                    request,
                    _(
                        "Imported: %(tags_created)d themes created, %(tags_updated)d updated; "
                        "%(cards_created)d cards created, %(cards_updated)d updated; "
                        "%(links_created)d links created."
                    )
                    % vars(result),
                )
                return redirect("toolbox:manage", summit=summit.slug)
        status = 400
    return _render(
        request,
        "manage.html",
        summit,
        status=status,
        settings_form=settings_form,
        import_form=import_form,
        result=result,
    )


def export(request, summit, fmt):
    summit = queries.get_summit_for_user(request.user, summit)
    if fmt == "json":
        response = HttpResponse(
            importexport.export_json(summit), content_type="application/json; charset=utf-8"
        )
    else:
        response = HttpResponse(
            importexport.export_csv(summit), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{summit.slug}-toolbox.{fmt}"'
    return response
