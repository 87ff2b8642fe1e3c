"""Report packages: one signed (Ed25519), optionally encrypted (age) file that carries a report
from a unit to the body above it on managed media. docs: the module docstrings of `format`
(what is inside), `build` (making one) and `verify` (every check, before anything is written)."""
