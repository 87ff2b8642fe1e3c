"""Every state change of the registry: `do_<verb>_<noun>(..., *, actor)`, one transaction each.

Views, the API, the CLI and imports call these; nothing else writes registry models.
"""
