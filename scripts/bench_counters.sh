#!/usr/bin/env bash
# Benchmark of view counting (docs/counters.md). Bounded, 127.0.0.1 only.
#   1. cost of one counted view per backend (scripts/bench_counters.py);
#   2. article page throughput under wrk: counting on (database backend,
#      redis backend) versus not counted (a bot User-Agent: same page, the
#      stored count is only read), gunicorn with DEBUG off;
#   3. views added under that load next to the requests wrk completed.
# Environment: DATABASE_URL (default: a throwaway SQLite file), BENCH_PORT
# (8150), BENCH_DURATION (10s), BENCH_CONNECTIONS (16), WEB_CONCURRENCY (2),
# BENCH_REDIS_URL (redis://127.0.0.1:6379/6), PYTHON (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
PORT=${BENCH_PORT:-8150}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
WORKERS=${WEB_CONCURRENCY:-2}
REDIS=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/6}
BROWSER="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
BOT="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk (make bench-counters does)"; exit 1; }

TMP=$(mktemp -d)
SERVER=""
PREFIX="newsroom-bench-$$-$RANDOM"
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    "$PY" -c "import redis,sys; c=redis.Redis.from_url(sys.argv[1]); [c.delete(k) for k in c.scan_iter(match=sys.argv[2] + ':*')]" \
        "$REDIS" "$PREFIX" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

[ -n "${DATABASE_URL:-}" ] || export SQLITE_PATH="$TMP/bench.sqlite3"
export DJANGO_SETTINGS_MODULE=newsroom.settings.production \
    DJANGO_SECRET_KEY="bench-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM" \
    DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_HTTPS=false NEWSROOM_SERVE_MEDIA=true LOG_LEVEL=WARNING \
    NEWSROOM_COUNTER_REDIS_URL="$REDIS" NEWSROOM_COUNTER_REDIS_PREFIX="$PREFIX"
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py load_demo --force >/dev/null  # throwaway or bench database only
"$PY" manage.py collectstatic --noinput -v 0

echo "== Machine: $(nproc) CPU $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/Mem:/ {print $2}') GB;" \
     "database: $("$PY" manage.py shell -v 0 -c 'from django.db import connection; print(connection.vendor)')"
echo "== Cost of one counted view (no HTTP)"
"$PY" scripts/bench_counters.py 2000

read -r ID URL < <("$PY" manage.py shell -v 0 -c \
    "from articles.models import Article; a = Article.objects.published().order_by('pk').first(); print(a.pk, a.get_absolute_url())")
views() { "$PY" manage.py shell -v 0 -c "from counters.services import view_count; print(view_count($ID))"; }

run() {  # run <label> <backend> <user agent>
    NEWSROOM_COUNTER_BACKEND=$2 "$PY" -m gunicorn newsroom.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
        --log-level warning >"$TMP/gunicorn.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 50); do curl -fs -o /dev/null -A "$BOT" "http://127.0.0.1:$PORT$URL" && break; sleep 0.2; done
    local before after out requests
    before=$(NEWSROOM_COUNTER_BACKEND=$2 views)
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "User-Agent: $3" "http://127.0.0.1:$PORT$URL")
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
    [ "$2" = redis ] && NEWSROOM_COUNTER_BACKEND=redis "$PY" manage.py flush_view_counts >/dev/null
    after=$(NEWSROOM_COUNTER_BACKEND=database views)
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    local fallbacks
    fallbacks=$(grep -c "Redis view counter unavailable" "$TMP/gunicorn.log" || true)
    [ "$fallbacks" = 0 ] || echo "   ($fallbacks Redis errors: those views were counted in the database)"
    printf '%-34s %8s req/s  p50 %-8s %6s requests, %6s views added%s\n' "$1" \
        "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
        "$(echo "$out" | awk '/Latency/ {print $2}')" "$requests" "$((after - before))" \
        "$(echo "$out" | grep -q 'Non-2xx' && echo " ($(echo "$out" | grep 'Non-2xx'))")"
}

echo "== Article page $URL: wrk -t2 -c$CONNECTIONS -d$DURATION, gunicorn $WORKERS workers, 127.0.0.1:$PORT"
echo "   (views added may exceed wrk's completed requests by up to $CONNECTIONS: requests in flight when wrk stops"
echo "    are served and counted but not reported by wrk; the exact check is tests/counters/test_counting.py)"
run "not counted (bot User-Agent)" database "$BOT"
run "counted, database backend" database "$BROWSER"
run "counted, redis backend (+flush)" redis "$BROWSER"
