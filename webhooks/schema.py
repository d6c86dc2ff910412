"""Every table the app uses, in one metadata: for migrations and for preparing a database."""

from __future__ import annotations

from sqlalchemy import MetaData

import bot.records.dedupe
import bot.records.delivery
import bot.records.followups
import bot.records.limits
import bot.records.requests
import bot.records.store
import bot.records.window
import core.db
import directory.keepers.models
import directory.models

MODEL_MODULES = (directory.models, core.db, directory.keepers.models, bot.records.store,
                 bot.records.dedupe, bot.records.delivery, bot.records.limits,
                 bot.records.requests, bot.records.followups, bot.records.window)


def metadata() -> MetaData:
    return directory.models.Base.metadata
