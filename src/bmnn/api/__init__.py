"""The JSON API under /api/v1/ for other systems: the same actions and access rules as the UI,
authenticated by per-user tokens (bmnn.org.tokens)."""
