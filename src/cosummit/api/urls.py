from ninja import NinjaAPI

api = NinjaAPI(title="cosummit API", version="1", urls_namespace="api-1")
