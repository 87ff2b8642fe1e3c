"""Forms for the clerk's actions; each validates input and nothing more."""
