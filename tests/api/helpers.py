def bearer(raw: str) -> dict:
    """Headers that send `raw` as an API token."""
    return {"Authorization": f"Bearer {raw}"}
