"""Optional PostgreSQL read replica (docs/deployment.md).

Used only when ``DATABASE_REPLICA_URL`` is set (settings add the "replica"
alias and this router). Reader-facing reads go to the replica; every write,
and every read of a request that may write (the admin, anything inside a
transaction), goes to the primary. Migrations run on the primary only.

Replication lag: a replica may be a second behind. Pages read there are
the cached, anonymous ones; a scope is bumped again after the primary
commits, so a rebuild right after a publish may still read the old row from
the replica — the 60-second bound of the cached pages and data
(docs/caching.md) covers that. Scope versions are read from the primary.
The admin's change forms run inside a transaction (Django wraps them in
``atomic``), so an editor's form always reads the primary; its lists may lag
by the replication delay.
"""

from django.db import transaction

PRIMARY, REPLICA = "default", "replica"


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if transaction.get_connection(PRIMARY).in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same database, one of them a copy

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
