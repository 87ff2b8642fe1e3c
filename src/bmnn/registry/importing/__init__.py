"""Importing registers a unit kept before bmnn (Excel or CSV), parsed without the database.

`parse.parse_register_file` reads a file into typed rows and a list of (row, column, message)
errors; the action `bmnn.registry.actions.imports.do_import_register_entries` writes it, all or
nothing.
"""
