"""What a synced feed may not do: change terms it does not own, reuse another record's link id,
or withdraw services on a bad or partial read (see ``directory.importing.sync``).

Rules
    - A feed adds taxonomy terms of its own. A term already in the directory is never changed
      by a feed, and the project's own need terms (``leeds-signpost-need:*``) are always
      written as the project defines them, never as the feed names them.
    - A feed's service whose place link (service-at-location id) is another service's here is
      left alone, with a warning, like a clash of service, organisation or location ids.
    - Withdrawal needs a complete, valid read: every listed item readable, with an id, and
      none left out as invalid. Then at most ``MAX_WITHDRAWAL_SHARE`` of the feed's active
      services here (or ``MIN_WITHDRAWALS``, when that is more) are withdrawn in one run;
      more waits for ``--allow-mass-withdrawal``.
    - Every service a feed withdraws, or marks inactive or defunct, shows on the keepers'
      review page as a change made by the feed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.formats.issues import WARNING, ImportIssue
from directory.formats.records import Origin, ParsedDirectory, TermRecord
from directory.formats.values import text
from directory.keepers.editing import form_rows, snapshot
from directory.keepers.models import DirectoryChange
from directory.models import Service, ServiceAtLocation, ServiceStatus, TaxonomyTerm
from directory.needs import NEED_TAXONOMY, NEEDS_BY_SLUG, need_term_id

#: The share of a feed's active services one run may withdraw without --allow-mass-withdrawal.
MAX_WITHDRAWAL_SHARE = 0.25
#: ... or this many, when that is more (a small feed may still drop a service or two).
MIN_WITHDRAWALS = 2
#: The role a feed's changes carry on the review page.
FEED_ROLE = "feed"
#: Statuses that take a service out of residents' answers.
CLOSED = {ServiceStatus.INACTIVE.value, ServiceStatus.DEFUNCT.value}


def guard_terms(session: Session, parsed: ParsedDirectory) -> list[ImportIssue]:
    """Keep stored terms as they are and need terms as the project defines them (in place)."""
    issues: list[ImportIssue] = []
    stored = {t.id: t for t in session.scalars(select(TaxonomyTerm).where(
        TaxonomyTerm.id.in_(list(parsed.terms))))} if parsed.terms else {}
    prefix = need_term_id("")
    for term_id, term in list(parsed.terms.items()):
        origin = Origin(parsed.file, record=f"taxonomy term {term_id}")
        if term_id in stored:
            old = stored[term_id]
            if (term.name, term.taxonomy, term.need_slug) != (old.name, old.taxonomy,
                                                              old.need_slug):
                issues.append(origin.issue("name", f"taxonomy term '{term_id}' is already in "
                                           "the directory: kept as it is", WARNING))
            del parsed.terms[term_id]
        elif term_id.startswith(prefix) or term.taxonomy == NEED_TAXONOMY:
            slug = term_id.removeprefix(prefix)
            if term_id.startswith(prefix) and slug in NEEDS_BY_SLUG:
                parsed.terms[term_id] = TermRecord(term_id, slug, NEED_TAXONOMY, "", slug)
            else:  # not one of ours: the feed's own term, claiming no need of ours
                parsed.terms[term_id] = TermRecord(term_id, term.name, "", term.term_uri, "")
            if parsed.terms[term_id] != term:
                issues.append(origin.issue("name", f"taxonomy term '{term_id}' is the project's "
                                           "own: written as the project defines it", WARNING))
    return issues


def link_owner(session: Session, service_id: str, link_id: str,
               seen: dict[str, str]) -> str | None:
    """Which other service holds this place link (here, or earlier in the same feed)."""
    if not link_id:
        return None
    earlier = seen.setdefault(link_id, service_id)
    if earlier != service_id:
        return f"the feed's service '{earlier}'"
    link = session.get(ServiceAtLocation, link_id)
    if link is not None and link.service_id != service_id:
        return f"the service '{link.service_id}'"
    return None


def unreadable_items(items: list[Any]) -> int:
    """Listed items that are not service objects with an id."""
    return sum(1 for item in items if not isinstance(item, dict) or not text(item.get("id")))


def withdrawal_cap(session: Session, feed_url: str) -> int:
    """The most services of this feed one run may withdraw without being told it may."""
    active = session.scalar(select(func.count()).select_from(Service).where(
        Service.feed_url == feed_url, Service.status.not_in(CLOSED))) or 0
    return max(MIN_WITHDRAWALS, int(active * MAX_WITHDRAWAL_SHARE))


def before_rows(session: Session, ids: list[str]) -> dict[str, dict]:
    """Each service's form values (as the review page shows them), before the feed's write."""
    out = {}
    for service_id in ids:
        service = session.get(Service, service_id)
        if service is not None:
            out[service_id] = snapshot(form_rows(session, service))
    return out


def note_closures(session: Session, feed_url: str, before: dict[str, dict],
                  now: dt.datetime) -> int:
    """Add a review-page change for each of these services the feed closed; how many."""
    session.flush()
    session.expire_all()
    noted = 0
    for service_id, old in before.items():
        service = session.get(Service, service_id)
        if service is None or service.status not in CLOSED:
            continue
        new = snapshot(form_rows(session, service))
        if new == old:
            continue
        session.add(DirectoryChange(
            made_at=now, made_by=feed_url[:320], made_by_role=FEED_ROLE,
            service_id=service_id, organisation_id=service.organisation_id,
            before=json.dumps(old), after=json.dumps(new), reverted_by=""))
        noted += 1
    session.flush()
    return noted
