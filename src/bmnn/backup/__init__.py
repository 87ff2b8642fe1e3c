"""Encrypted, verified backups of the bmnn database, and their restore.

A backup file is a sealed stream (crypto.py: header with magic, version, chunk size, key id,
salt and nonce prefix; then AES-256-GCM chunks) around a tar archive (archive.py) that holds
manifest.json first (manifest.py: format, bmnn version, time, engine, applied migrations,
files with sizes and SHA-256, audit chain head) and then the database snapshot: a SQLite copy
made with the online backup API (snapshot.py) or a `pg_dump --format=custom` file (pgtools.py).

Restore (restore.py) checks everything in a temporary folder before it replaces anything:
authentication of every chunk and of the end, manifest, names, sizes, hashes, size limits,
engine, integrity of the database inside and its agreement with the manifest, and schema
version. Only then is the current database kept aside (DATA_DIR/restore-kept/) and replaced.

No Django import here: the command layer (bmnn.commands.backup) reads the settings.
"""
