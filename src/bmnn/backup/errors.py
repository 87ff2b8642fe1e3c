"""Refusals of backup and restore. Each message is what the administrator reads."""

from __future__ import annotations


class BackupError(Exception):
    """Base class: the operation was refused and nothing was replaced."""


class KeyFileInvalid(BackupError):
    """The key file is missing, unreadable or not a 32-byte key."""


class KeyFileExists(BackupError):
    """keygen would overwrite an existing key."""


class ArchiveNotRecognized(BackupError):
    """The file is not a bmnn backup, or of a format version this code cannot read."""


class WrongKey(BackupError):
    """The archive was made with a different key."""


class ArchiveTampered(BackupError):
    """Authentication failed: the file was changed, truncated or extended."""


class ManifestInvalid(BackupError):
    """The manifest is missing, malformed or of an unknown format."""


class UnsafePath(BackupError):
    """A file name in the archive is absolute, climbs with '..' or is otherwise unsafe."""


class FileMismatch(BackupError):
    """A file's size or SHA-256 differs from the manifest, or files are missing or extra."""


class ArchiveTooLarge(BackupError):
    """The declared or actual unpacked size exceeds the configured limit or the free space."""


class EngineMismatch(BackupError):
    """The backup was taken from another database engine than the one configured."""


class SnapshotCorrupt(BackupError):
    """The database inside the archive fails its integrity check or contradicts the manifest."""


class SchemaTooNew(BackupError):
    """The backup has migrations this code does not know: it comes from a newer bmnn."""


class DatabaseInUse(BackupError):
    """The current database is in use: `bmnn serve` runs on this data folder, the SQLite file is
    open in another process, or other sessions are connected to the PostgreSQL database."""


class OtherInstallation(BackupError):
    """The backup comes from another installation (or does not say which) than this one."""


class DatabaseMissing(BackupError):
    """There is no database to back up."""


class ExternalToolFailed(BackupError):
    """pg_dump, pg_restore or psql is missing or reported an error."""


class RestoreDeclined(BackupError):
    """The administrator did not confirm, or could not be asked."""


class OutputExists(BackupError):
    """The backup file would overwrite an existing file."""
