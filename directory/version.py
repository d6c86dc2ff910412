"""The directory's version: read cheaply before a search, changed with every directory write.

Writes through the ORM (``session.add``, changed attributes, deletes) change it on their own,
in the flush that writes them. Bulk statements (``session.execute(insert(Service), rows)``)
bypass the flush, so code that writes the directory that way, like the importer, calls
:func:`bump_directory_version` in the same transaction.

The version is a counter plus a random token: the token makes every write's version new, even
when a write is rolled back or the database is made again from scratch under the same URL.
"""

from __future__ import annotations

import secrets
from itertools import chain

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from directory.models import (
    DirectoryVersion,
    Location,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTerm,
    TaxonomyTerm,
)

#: Models whose rows the search index is built from.
DIRECTORY_MODELS = (Organisation, Service, Location, ServiceAtLocation, Phone, Schedule,
                    TaxonomyTerm, ServiceTerm)

_ROW = 1
_TABLE = DirectoryVersion.__table__
_READ = select(_TABLE.c.version, _TABLE.c.token).where(_TABLE.c.id == _ROW)

Version = tuple[int, str]


def directory_version(session: Session) -> Version:
    """The directory's current (counter, token), as this session's transaction sees it: read
    once a transaction (a turn that searches twice, or reads kept results, reads it once)."""
    connection = session.connection()
    transaction = session.get_transaction()
    kept = session.info.get(_KEPT)
    if kept is not None and kept[0] is transaction:
        return kept[1]
    row = connection.execute(_READ).first()
    version = (0, "") if row is None else (row[0], row[1])
    session.info[_KEPT] = (transaction, version)
    return version


_KEPT = "directory_version"


def bump_directory_version(session: Session) -> None:
    """Mark the directory as changed, in the session's transaction."""
    connection = session.connection()
    session.info.pop(_KEPT, None)
    token = secrets.token_hex(16)
    changed = connection.execute(
        update(_TABLE).where(_TABLE.c.id == _ROW).values(version=_TABLE.c.version + 1,
                                                          token=token)).rowcount
    if not changed:  # a database made without the migrations (tables created from the models)
        connection.execute(insert(_TABLE).values(id=_ROW, version=1, token=token))


@event.listens_for(Session, "before_flush")
def _bump_on_directory_writes(session: Session, _context, _instances) -> None:
    """A flush that writes any directory record changes the version in the same transaction."""
    if any(isinstance(obj, DIRECTORY_MODELS)
           for obj in chain(session.new, session.dirty, session.deleted)):
        bump_directory_version(session)
