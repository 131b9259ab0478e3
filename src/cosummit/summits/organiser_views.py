from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import queries


@login_required
def index(request):
    return render(
        request,
        "summits/organise/index.html",
        {"summits": queries.summits_organised_by(request.user)},
    )


@login_required
def summit(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    return render(request, "summits/organise/summit.html", {"summit": summit})


@login_required
def event_edit(request, summit, event):
    summit = queries.get_summit_for_organiser(request.user, summit)
    return render(request, "summits/organise/summit.html", {"summit": summit})
