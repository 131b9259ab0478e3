from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import OutboxMessage


def privacy(request):
    return render(request, "core/privacy.html")


def _require_debug() -> None:
    if not settings.DEBUG:
        raise Http404


def dev_mail_list(request):
    """Mail sent by the platform, so that a developer can click confirmation links."""
    _require_debug()
    page = Paginator(OutboxMessage.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "core/dev_mail_list.html", {"page": page})


def dev_mail_detail(request, pk: int):
    _require_debug()
    message = get_object_or_404(OutboxMessage, pk=pk)
    return render(request, "core/dev_mail_detail.html", {"message": message})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
