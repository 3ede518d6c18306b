"""Move the Redis backend's pending view counts into the database.

Run it every minute (cron or a systemd timer, see docs/counters.md). With the database
backend there is nothing to flush and it says so."""

from django.core.management.base import BaseCommand, CommandError

from counters.services import RedisBackend, get_backend


class Command(BaseCommand):
    help = "Chuyển lượt xem đang chờ trong Redis vào cơ sở dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        backend = get_backend()
        if not isinstance(backend, RedisBackend):
            self.stdout.write("NEWSROOM_COUNTER_BACKEND is not redis: nothing to flush.")
            return
        try:
            moved = backend.flush(batch_size=batch_size)
        except backend.errors as exc:
            raise CommandError(f"Redis unavailable, nothing flushed (the counts stay in Redis): {exc}") from exc
        self.stdout.write(f"Flushed {moved} views.")
