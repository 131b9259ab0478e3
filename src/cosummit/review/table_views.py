"""The review table of organisers and conveners, and its CSV export.

Organisers see every track, conveners the tracks of their deciding teams;
anyone else gets 404. Speakers' names and organisations are shown only to
those for whom the review is not blind.
"""

from dataclasses import dataclass
from html import escape

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.http import content_disposition_header, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from cosummit.core.i18n import language_name
from cosummit.summits.models import Role
from cosummit.summits.queries import can_organise, has_role

from . import queries, table
from .models import Outcome

# A proposal number no proposal has, replaced by each row's own in its link, so that
# the page reverses one address rather than one per row.
_NUMBER = 2147483647


class TableFilterForm(forms.Form):
    """The table's filters and order; bad values are ignored (and said so)."""

    track = forms.ChoiceField(label=gettext_lazy("Track"), required=False)
    format = forms.TypedChoiceField(
        label=gettext_lazy("Format"), required=False, coerce=int, empty_value=None
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    decision = forms.ChoiceField(label=pgettext_lazy("decision", "Decision state"), required=False)
    outcome = forms.ChoiceField(label=pgettext_lazy("decision", "Decision"), required=False)
    disagreement = forms.BooleanField(label=gettext_lazy("Disagreement only"), required=False)
    incomplete = forms.BooleanField(label=gettext_lazy("Fewer reviews than wanted"), required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, data_table: table.Table, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["track"].choices = every + [
            (track.key, track.name.localize().text) for track in data_table.tracks
        ]
        self.fields["format"].choices = every + [
            (item.key, item.name.localize().text) for item in data_table.formats
        ]
        self.fields["language"].choices = every + [
            (code, language_name(code)) for code in data_table.languages
        ]
        self.fields["decision"].choices = every + table.decision_state_choices()
        self.fields["outcome"].choices = every + list(Outcome.choices)
        self.sort_keys = table.sort_keys(data_table.criteria)

    def clean_sort(self) -> str:
        sort = self.cleaned_data["sort"]
        return sort if sort.removeprefix("-") in self.sort_keys else table.DEFAULT_SORT

    def filters(self) -> table.TableFilters:
        """The filters whose values are valid; the others keep every row."""
        self.is_valid()
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "sort" and value not in ("", None)
        }
        return table.TableFilters(**values)

    def chosen_sort(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sort") or table.DEFAULT_SORT


def _table_for(request, summit, scope) -> tuple[table.Table, TableFilterForm, list, str]:
    is_blind = queries.is_blind_for(request.user, summit)
    data = table.build_table(summit, scope=scope, is_blind=is_blind, language=get_language())
    form = TableFilterForm(request.GET, data_table=data)
    sort = form.chosen_sort()
    rows = table.sort_rows(
        table.filter_rows(data.rows, form.filters(), wanted=data.wanted), sort, data.criteria
    )
    return data, form, rows, sort


# The page


@dataclass(frozen=True, slots=True)
class Column:
    """A column heading that sorts the table."""

    label: str
    key: str
    query: str
    aria_sort: str

    @property
    def arrow(self) -> str:
        """The sign that shows the order to sighted readers (aria-sort tells the others)."""
        return {"ascending": "▲", "descending": "▼"}.get(self.aria_sort, "")


def _columns(request, data: table.Table, sort: str) -> dict[str, Column]:
    """The sortable headings, each linking to the table sorted by it, filters kept.

    The first click sorts titles from A to Z and figures from the highest.
    """
    labels = {
        "title": _("Proposal"),
        "reviews": _("Reviews"),
        "abstentions": _("Abstentions"),
        "mean": _("Mean"),
        "weighted": _("Weighted"),
        "median": _("Median"),
        "spread": _("Spread"),
    }
    for criterion in data.criteria:
        labels[f"criterion-{criterion.pk}"] = _("%(criterion)s (%(low)s–%(high)s)") % {
            "criterion": criterion.name,
            "low": criterion.scale_min,
            "high": criterion.scale_max,
        }
    kept = [(name, value) for name, value in request.GET.items() if name != "sort" and value]
    columns = {}
    for key, label in labels.items():
        first = key if key == "title" else f"-{key}"
        if sort == first:
            target = first.removeprefix("-") if first.startswith("-") else f"-{first}"
        else:
            target = first
        aria_sort = ""
        if sort.removeprefix("-") == key:
            aria_sort = "descending" if sort.startswith("-") else "ascending"
        columns[key] = Column(label, key, urlencode([*kept, ("sort", target)]), aria_sort)
    return columns


def _figure(value: float | None, separator: str, places: int) -> str:
    if value is None:
        return "—"
    return f"{value:.{places}f}".replace(".", separator)


def _title_link(summit, scope) -> str:
    """The address pattern a title links to, or "" when it links nowhere.

    Titles open the proposal's decision page when there is one; otherwise
    organisers reach the public proposal page, and conveners no page.
    """
    for name in ("proposal", "pk"):
        try:
            return reverse("review_decisions:detail", kwargs={"summit": summit.slug, name: _NUMBER})
        except NoReverseMatch:
            continue
    if scope is None:
        return reverse("proposals:detail", kwargs={"summit": summit.slug, "proposal": _NUMBER})
    return ""


def _displayed(rows: list[table.Row], link: str) -> list[dict]:
    """What each row shows, worked out here so that the page only prints it."""
    separator = get_format("DECIMAL_SEPARATOR")
    # Tracks and formats are shared by many rows: each is marked up once.
    names: dict[int, str] = {}

    def name_of(item) -> str:
        if item is None:
            return ""
        if id(item) not in names:
            localized = item.name.localize()
            names[id(item)] = format_html(
                '<span lang="{}">{}</span>', localized.language, localized.text
            )
        return names[id(item)]

    leads = dict(table.lead_choices())
    outcomes = {
        (outcome, state): text % {"outcome": label}
        for outcome, label in Outcome.choices
        for state, text in (
            (table.PENDING, pgettext("decision", "%(outcome)s (pending)")),
            (table.APPLIED, pgettext("decision", "%(outcome)s (applied)")),
        )
    }
    languages: dict[str, str] = {}
    shown = []
    for row in rows:
        if row.language not in languages:
            languages[row.language] = language_name(row.language) if row.language else ""
        shown.append(
            {
                "row": row,
                "url": link.replace(str(_NUMBER), str(row.pk)) if link else "",
                "format": name_of(row.format),
                "track": name_of(row.track),
                "language": languages[row.language],
                "lead": leads.get(row.lead, ""),
                "criteria": [_figure(value, separator, 2) for value in row.criterion_means],
                "mean": _figure(row.mean, separator, 1),
                "weighted": _figure(row.weighted, separator, 1),
                "median": _figure(row.median, separator, 1),
                "spread": _figure(row.spread, separator, 1),
                "decision": outcomes.get((row.outcome, row.decision), ""),
            }
        )
    return shown


# The rows' markup is written here rather than by a template loop, as Django's admin
# writes its change list's cells: the template engine would take most of the page's
# time for 700 rows of twenty cells. Text from people (titles, names) goes through the
# standard library's `escape`, which Django's wraps; the figures are digits; tracks and
# formats are marked up by format_html.


def _rows_html(shown: list[dict], data: table.Table) -> str:
    """The table's body: one <tr> a row, with the figures worked out by `_displayed`."""
    flag = format_html('<td><span class="badge">{}</span></td>', _("Disagreement"))
    of_wanted = _("%(reviews)s / %(wanted)s")
    lines = []
    for item in shown:
        row = item["row"]
        language, title = escape(row.title_language), escape(row.title)
        if item["url"]:
            heading = f'<a href="{escape(item["url"])}" lang="{language}">{title}</a>'
        else:
            heading = f'<span lang="{language}">{title}</span>'
        names = ""
        if not data.is_blind:
            speakers, organisations = ", ".join(row.speakers), ", ".join(row.organisations)
            names = f"<td>{escape(speakers)}</td><td>{escape(organisations)}</td>"
        reviews = of_wanted % {"reviews": row.reviews, "wanted": data.wanted}
        criteria = "".join(f"<td>{figure}</td>" for figure in item["criteria"])
        lines.append(
            f'<tr><th scope="row">{heading}</th>{names}'
            f"<td>{item['format']}</td><td>{item['track']}</td>"
            f"<td>{escape(item['language'])}</td><td>{escape(item['lead'])}</td>"
            f"<td>{escape(reviews)}</td><td>{row.abstentions}</td>{criteria}"
            f"<td>{item['mean']}</td><td>{item['weighted']}</td>"
            f"<td>{item['median']}</td><td>{item['spread']}</td>"
            f"{flag if row.disagrees else '<td></td>'}<td>{escape(item['decision'])}</td></tr>\n"
        )
    return mark_safe("".join(lines))  # every value above is escaped, or digits


@login_required
def table_page(request, summit):
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    data, form, rows, sort = _table_for(request, summit, scope)
    columns = _columns(request, data, sort)
    shown = _displayed(rows, _title_link(summit, scope))
    export_query = urlencode([(name, value) for name, value in request.GET.items() if value])
    return render(
        request,
        "review/table/table.html",
        {
            "summit": summit,
            "section": "table",
            "is_reviewer": has_role(request.user, summit, Role.REVIEWER),
            "can_decide": True,
            "can_organise": can_organise(request.user, summit),
            "table": data,
            "form": form,
            "rows": shown,
            "body": _rows_html(shown, data),
            "count": len(rows),
            "total": len(data.rows),
            "columns": columns,
            "criterion_columns": [columns[f"criterion-{c.pk}"] for c in data.criteria],
            "export_query": export_query,
        },
    )


@login_required
def export_csv(request, summit):
    summit, scope = queries.get_summit_for_decider(request.user, summit)
    data, _form, rows, _sort = _table_for(request, summit, scope)
    response = HttpResponse(table.table_csv(data, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, table.csv_filename(summit))
    return response
