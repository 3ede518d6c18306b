#!/usr/bin/env bash
# `make check-nginx`: the nginx configuration of docs/deployment.md
# (deploy/nginx-newsroom.conf), tried for real: nginx (installed from Debian
# if missing) on 127.0.0.1 in front of `make serve`, then checks that
#   - an anonymous page is public for a short time and the second request is a cache HIT,
#   - a logged-in editor (session cookie) is never served from the cache nor stored,
#   - the counted article page (it sets a cookie) is never stored,
#   - a printed issue's PDF is a sandboxed download, uploads in processing are never served.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_PORT=${APP_PORT:-8920}
NGINX_PORT=${NGINX_PORT:-8921}
PY=${PYTHON:-.venv/bin/python}
WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers (user nobody when started as root) use the cache and temp dirs
fail() { echo "FAIL: $*" >&2; exit 1; }

if ! command -v nginx >/dev/null; then
    echo "Installing nginx..."
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

cleanup() {
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    [ -n "${APP_PGID:-}" ] && kill -- "-$APP_PGID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# The production-like server (SQLite demo unless DATABASE_URL says otherwise).
setsid make serve PORT="$APP_PORT" >"$WORK/serve.log" 2>&1 &
APP_PGID=$!
# A fresh clone builds the demo first, its printed issues included: up to two minutes.
for _ in $(seq 240); do curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/" && break; sleep 0.5; done
curl -fs -o /dev/null "http://127.0.0.1:$APP_PORT/" || { cat "$WORK/serve.log"; fail "make serve did not start"; }

# The documented file, pointed at this app server, port and a scratch cache.
sed -e "s#/var/cache/nginx/newsroom#$WORK/cache#" \
    -e "s#server 127.0.0.1:8000;#server 127.0.0.1:$APP_PORT;#" \
    -e "s#listen 80;#listen 127.0.0.1:$NGINX_PORT;#" \
    -e "s#/srv/newsroom/media/#$PWD/media/#" \
    deploy/nginx-newsroom.conf >"$WORK/newsroom.conf"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $WORK/body; proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi; uwsgi_temp_path $WORK/uwsgi; scgi_temp_path $WORK/scgi;
    include $WORK/newsroom.conf;
}
CONF
"$NGINX" -t -q -c "$WORK/nginx.conf" -p "$WORK" 2>/dev/null || "$NGINX" -t -c "$WORK/nginx.conf" -p "$WORK"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
BASE="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 20); do curl -fs -o /dev/null "$BASE/robots.txt" && break; sleep 0.25; done
code=$(curl -s -o /dev/null -w "%{http_code}" "$BASE/")
[ "$code" = 200 ] || { cat "$WORK/error.log"; fail "home page through nginx: HTTP $code"; }
header() { grep -i "^$1:" | head -1 | cut -d' ' -f2- | tr -d '\r'; }

# 1. Anonymous: public for a short time, then a HIT.
PATH_ANON=$(curl -fs "$BASE/" | grep -o 'href="/[a-z0-9-]*/"' | grep -v -e tim-kiem -e rss -e doc-nhieu | head -1 | cut -d'"' -f2 || true)
PATH_ANON=${PATH_ANON:-/}
first=$(curl -fs -D - -o /dev/null "$BASE$PATH_ANON")
echo "$first" | header Cache-Control | grep -q "public" || fail "$PATH_ANON is not public: $(echo "$first" | header Cache-Control)"
echo "$first" | header Cache-Control | grep -q "s-maxage=" || fail "$PATH_ANON has no s-maxage"
echo "$first" | header ETag | grep -q . || fail "$PATH_ANON has no ETag"
second=$(curl -fs -D - -o /dev/null "$BASE$PATH_ANON" | header X-Cache-Status)
[ "$second" = HIT ] || fail "second anonymous request of $PATH_ANON: X-Cache-Status $second, not HIT"
echo "ok  anonymous $PATH_ANON: $(echo "$first" | header Cache-Control); second request HIT"

# 1b. gzip: a browser gets the gzipped page, from the cache the second time;
# a client that does not take gzip never gets those bytes (Vary).
for i in 1 2; do
    browser=$(curl -fs -D - -o "$WORK/page.gz" -H "Accept-Encoding: gzip, deflate, br" "$BASE$PATH_ANON")
done
[ "$(echo "$browser" | header Content-Encoding)" = gzip ] || fail "a browser did not get gzip"
[ "$(echo "$browser" | header X-Cache-Status)" = HIT ] || fail "gzip page not from the cache the second time"
gzip -t "$WORK/page.gz" || fail "the gzip body is not gzip"
plain=$(curl -fs -D - -o "$WORK/page.html" "$BASE$PATH_ANON")
[ -z "$(echo "$plain" | header Content-Encoding)" ] || fail "a client without gzip got $(echo "$plain" | header Content-Encoding)"
grep -q "<!doctype html>" "$WORK/page.html" || fail "a client without gzip did not get HTML"
cmp -s <(gunzip -c "$WORK/page.gz") "$WORK/page.html" || fail "the gzip and plain pages differ"
echo "ok  gzip for a browser (second request HIT), the same page plain for a client without gzip"

# 2. A logged-in editor: never from the cache, never stored.
SESSION=$(DJANGO_SETTINGS_MODULE=newsroom.settings.dev "$PY" manage.py shell -v 0 -c "
from django.contrib.auth import get_user_model
from django.test import Client
user, _ = get_user_model().objects.get_or_create(username='kiemtra-nginx', defaults={'is_staff': True})
client = Client(); client.force_login(user); print(client.cookies['sessionid'].value)")
for i in 1 2; do
    editor=$(curl -fs -D - -o /dev/null -H "Cookie: sessionid=$SESSION" "$BASE$PATH_ANON")
    status=$(echo "$editor" | header X-Cache-Status)
    [ "$status" = BYPASS ] || fail "editor request $i: X-Cache-Status $status, not BYPASS"
    echo "$editor" | header Cache-Control | grep -q "no-store" || fail "editor page is not no-store"
    echo "$editor" | header Cache-Control | grep -q "private" || fail "editor page is not private"
done
echo "ok  editor (session cookie): BYPASS twice, $(echo "$editor" | header Cache-Control)"
# ... and the anonymous copy did not become the editor's page, nor the reverse.
after=$(curl -fs -D - -o /dev/null "$BASE$PATH_ANON" | header X-Cache-Status)
[ "$after" = HIT ] || fail "anonymous after editor: $after"

# 2b. A reader who voted (poll ballot) or has a message waiting: his own page;
# one who chose an edition (the light one, or back to the full one): his variant.
for cookie in "poll-1=x" "messages=x" "csrftoken=x; poll-12=x" "nhe=1" "nhe=0"; do
    status=$(curl -fs -D - -o /dev/null -H "Cookie: $cookie" "$BASE$PATH_ANON" | header X-Cache-Status)
    [ "$status" = BYPASS ] || fail "reader with cookie '$cookie': X-Cache-Status $status, not BYPASS"
done
status=$(curl -fs -D - -o /dev/null -H "Cookie: csrftoken=x" "$BASE$PATH_ANON" | header X-Cache-Status)
[ "$status" = HIT ] || fail "reader with only the CSRF cookie: X-Cache-Status $status, not HIT"
echo "ok  reader with a ballot, a message or an edition chosen: BYPASS; with only the CSRF cookie: HIT"

# 3. A counted article page sets the counter's cookie: private, never stored.
ARTICLE=$(curl -fs "$BASE/" | grep -o 'href="/[a-z0-9/-]*\.html"' | head -1 | cut -d'"' -f2 || true)
if [ -n "$ARTICLE" ]; then
    ua="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
    curl -fs -o /dev/null -A "$ua" "$BASE$ARTICLE"
    status=$(curl -fs -D - -o /dev/null -A "$ua" "$BASE$ARTICLE" | header X-Cache-Status)
    [ "$status" = MISS ] || fail "article page was served from the cache ($status)"
    echo "ok  article $ARTICLE: private (counted), never stored (second request $status)"
    # A request that counts nothing (no User-Agent) must not be stored either:
    # the readers after it would be served from nginx and not counted.
    curl -fs -o /dev/null "$BASE$ARTICLE"
    status=$(curl -fs -D - -o /dev/null -A "$ua" "$BASE$ARTICLE" | header X-Cache-Status)
    [ "$status" = MISS ] || fail "a reader after an uncounted request was served from the cache ($status)"
    echo "ok  article after an uncounted request: still $status for the next reader"
fi
# Slow clients (slowloris) for 30 s: nginx holds them, pages still answer.
"$PY" scripts/slowloris.py "$NGINX_PORT" 200 30 || fail "200 slow clients kept nginx from answering"
echo "ok  200 slow clients: every page still answered"
# 4. The print edition's files: an issue's PDF only as a sandboxed download;
# the folders of uploads being processed never served.
PDF=$(cd media && find bao-in -name '*.pdf' -not -path '*/.*' 2>/dev/null | head -1 || true)
if [ -n "$PDF" ]; then
    pdf=$(curl -fs -D - -o /dev/null "$BASE/media/$PDF")
    echo "$pdf" | header Content-Disposition | grep -q "^attachment" || fail "$PDF is not served as a download"
    echo "$pdf" | header Content-Security-Policy | grep -q "sandbox" || fail "$PDF has no sandboxing CSP"
    echo "ok  printed issue /media/$PDF: attachment, sandboxed"
fi
mkdir -p media/bao-in/.tai-len/check-nginx && echo "%PDF-" >media/bao-in/.tai-len/check-nginx/001.pdf
code=$(curl -s -o /dev/null -w "%{http_code}" "$BASE/media/bao-in/.tai-len/check-nginx/001.pdf")
rm -rf media/bao-in/.tai-len/check-nginx
mkdir -p media/videos/.tai-len/check-nginx && echo "video" >media/videos/.tai-len/check-nginx/source
vcode=$(curl -s -o /dev/null -w "%{http_code}" "$BASE/media/videos/.tai-len/check-nginx/source")
rm -rf media/videos/.tai-len/check-nginx
[ "$vcode" = 404 ] || fail "a video waiting for transcoding was served ($vcode)"
# The video upload may send more than the site's 64 MB (to the app, which
# answers for itself: here a redirect to the log-in page); elsewhere nginx refuses it.
big=$(curl -s -o /dev/null -w "%{http_code}" -X POST -H "Content-Length: 70000000" --data-binary @/dev/null --max-time 5 "$BASE/admin/images/image/add/" || true)
[ "$big" = 413 ] || fail "a 70 MB body to the image upload was not refused by nginx ($big)"
video=$(head -c 70000000 /dev/zero | curl -s -o /dev/null -w "%{http_code}" -X POST -H "Content-Type: application/octet-stream" --data-binary @- --max-time 60 "$BASE/admin/videos/video/add/" || true)
# Django itself answers (403: no CSRF token), not nginx (413) nor the app server's body limit (400).
[ "$video" = 403 ] || fail "a 70 MB body to the video upload did not reach Django: $video"
echo "ok: uploads in processing are not served; only the video upload takes bodies over 64 MB"
[ "$code" = 404 ] || fail "an upload waiting for processing was served (HTTP $code)"
echo "ok  uploads being processed: 404"
echo "nginx configuration OK"
