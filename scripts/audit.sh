#!/usr/bin/env bash
# Lighthouse audit of each theme's article page (docs/audits.md).
# For each theme: a throwaway SQLite database with that theme's demo paper,
# served production-like (gunicorn, DEBUG off, WhiteNoise, collected static)
# on 127.0.0.1:$AUDIT_PORT, then Lighthouse (npm package, installed into
# .tools/, gitignored) in Debian's Chromium, mobile and desktop presets.
# Reports: test-artifacts/lighthouse/<theme>-<preset>.report.{json,html};
# a table of the four category scores is printed at the end.
# Environment: AUDIT_PORT (8801), CHROMIUM (/usr/bin/chromium),
# PYTHON (.venv/bin/python), THEMES ("dienbienphu backan laichau").
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
PORT=${AUDIT_PORT:-8801}
export CHROME_PATH=${CHROMIUM:-/usr/bin/chromium}
LIGHTHOUSE_VERSION=13.5.0
OUT=test-artifacts/lighthouse
mkdir -p "$OUT"
if [ ! -x .tools/node_modules/.bin/lighthouse ]; then
    npm install --prefix .tools --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi

TMP=$(mktemp -d)
SERVER=""
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=newsroom.settings.production \
    DJANGO_SECRET_KEY="audit-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM-$RANDOM" \
    DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_HTTPS=false NEWSROOM_SERVE_MEDIA=true MEDIA_ROOT="$TMP/media"
unset DATABASE_URL
"$PY" manage.py collectstatic --noinput -v 0

for theme in ${THEMES:-dienbienphu backan laichau}; do
    export SQLITE_PATH="$TMP/$theme.sqlite3"
    "$PY" manage.py migrate --noinput -v 0
    "$PY" manage.py load_demo --force --theme "$theme" >/dev/null  # throwaway database
    path=$("$PY" manage.py shell -c "from articles.models import Article; print(Article.objects.published().filter(featured_image__isnull=False).order_by('-published_at').first().get_absolute_url())" | tail -1)
    .venv/bin/gunicorn newsroom.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
    SERVER=$!
    echo "== $theme: http://127.0.0.1:$PORT$path"
    for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
    for preset in mobile desktop; do
        extra=()
        [ "$preset" = desktop ] && extra=(--preset=desktop)
        .tools/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT$path" "${extra[@]}" \
            --chrome-flags="--headless=new --no-sandbox --disable-gpu" --quiet \
            --only-categories=performance,accessibility,best-practices,seo \
            --output=json --output=html --output-path="$OUT/$theme-$preset"
    done
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
done

"$PY" - "$OUT" <<'PYEOF'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
print("| theme | preset | performance | accessibility | best practices | SEO | LCP | CLS | TBT | transferred |")
print("|---|---|---|---|---|---|---|---|---|---|")
for report in sorted(out.glob("*.report.json")):
    data = json.loads(report.read_text())
    theme, preset = report.name.split(".")[0].rsplit("-", 1)
    c, a = data["categories"], data["audits"]
    scores = [round(c[k]["score"] * 100) for k in ("performance", "accessibility", "best-practices", "seo")]
    kib = a["total-byte-weight"]["numericValue"] / 1024
    print(f"| {theme} | {preset} | " + " | ".join(map(str, scores))
          + f" | {a['largest-contentful-paint']['displayValue']} | {a['cumulative-layout-shift']['displayValue']}"
          + f" | {a['total-blocking-time']['displayValue']} | {kib:.0f} KiB |")
PYEOF
