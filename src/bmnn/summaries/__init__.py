"""The inspectors' own findings, imported from their spreadsheets, and the summary and
consistency check of a national inspection letter built from them (issue 8)."""
