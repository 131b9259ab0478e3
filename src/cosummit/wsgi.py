import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cosummit.settings")
application = get_wsgi_application()

# Load every view now, then hide the objects alive at start-up from the garbage
# collector: a full collection would otherwise walk them all (about 220,000)
# every so often, adding 125–150 ms to one request in a dozen on the heavy
# organiser pages (docs/benchmarks.md, "Review table").
get_resolver().url_patterns  # noqa: B018 - importing the URL conf imports the views
gc.collect()
gc.freeze()
