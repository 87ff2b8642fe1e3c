"""Pages: each view checks access, validates with a form, calls one action, renders."""
