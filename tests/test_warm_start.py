"""A worker starting on a prepared database reads the two revisions without alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from core.db import make_engine
from webhooks import migrate
from webhooks.migrate import alembic_config, current_revision, head_revision, upgrade

ROOT = Path(__file__).resolve().parents[1]


def test_the_newest_revision_is_the_one_alembic_finds():
    assert head_revision() == ScriptDirectory.from_config(alembic_config(None)).get_current_head()


def test_the_revision_a_database_is_at_is_the_one_alembic_reads(databases, tmp_path):
    engine = make_engine(databases.template(f"warm{tmp_path.name[-6:]}", lambda engine: None))
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        with engine.connect() as connection:
            want = MigrationContext.configure(connection).get_current_revision()
        assert current_revision(engine) == want == head_revision()
    finally:
        engine.dispose()


def test_the_newest_revision_follows_the_chain_not_the_file_names(tmp_path, monkeypatch):
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a_first.py").write_text("revision = 'x1'\ndown_revision = None\n")
    (versions / "b_third.py").write_text("revision = 'x3'\ndown_revision = ('x2',)\n")
    (versions / "c_second.py").write_text('"""Doc."""\nrevision = "x2"\ndown_revision = "x1"\n')
    monkeypatch.setattr(migrate, "MIGRATIONS", tmp_path)
    assert head_revision() == "x3"


WORKER = """
import sys
from webhooks import create_app
create_app({"database_url": sys.argv[1], "instance_path": sys.argv[2], "secret_key": "test"})
from bot.understanding.message import understand
understand("i need a food bank near armley")
print(sorted(m for m in ("alembic", "mako") if m in sys.modules))
"""


@pytest.mark.slow
def test_a_worker_on_a_prepared_database_never_imports_alembic(shipped_db_url, tmp_path):
    out = subprocess.run([sys.executable, "-c", WORKER, shipped_db_url, str(tmp_path)],
                         cwd=ROOT, check=True, capture_output=True, text=True, timeout=300).stdout
    assert out.strip().splitlines()[-1] == "[]"
