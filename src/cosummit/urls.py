from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from cosummit.api.urls import api
from cosummit.core import views as core_views
from cosummit.summits import views as summit_views

handler404 = "cosummit.core.views.page_not_found"
handler500 = "cosummit.core.views.server_error"

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", summit_views.home, name="home"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("cosummit.accounts.urls")),
    path("api-tokens/", include("cosummit.api.web_urls")),
    path("organise/<slug:summit>/", include("cosummit.registration.organiser_urls")),
    path("organise/<slug:summit>/call/", include("cosummit.proposals.organiser_urls")),
    path("organise/<slug:summit>/hackathon/", include("cosummit.hackathon.organiser_urls")),
    path("organise/<slug:summit>/review/", include("cosummit.review.organiser_urls")),
    path("organise/<slug:summit>/programme/", include("cosummit.programme.organiser_urls")),
    path("organise/<slug:summit>/programme/", include("cosummit.programme.schedule_urls")),
    path("organise/", include("cosummit.summits.organiser_urls")),
    path("dev/mail/", core_views.dev_mail_list, name="dev_mail_list"),
    path("dev/mail/<id:pk>/", core_views.dev_mail_detail, name="dev_mail_detail"),
    path("<slug:summit>/toolbox/", include("cosummit.toolbox.urls")),
    path("<slug:summit>/hackathon/", include("cosummit.hackathon.urls")),
    path("<slug:summit>/review/", include("cosummit.review.urls")),
    path("<slug:summit>/programme/changes/", include("cosummit.programme.release_urls")),
    path("<slug:summit>/programme/export/", include("cosummit.programme.export_urls")),
    path("<slug:summit>/programme/", include("cosummit.programme.urls")),
    path("", include("cosummit.registration.urls")),
    path("<slug:summit>/proposals/", include("cosummit.proposals.urls")),
    path("<slug:summit>/", include("cosummit.summits.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
