#!/usr/bin/env bash
# A person's setup for the hermetic-suite guard in .ci/run:
#   sentinel.sh create DIR   a team database, a config with real-looking accounts, data folders
#   sentinel.sh check DIR    exit 1 (and say what) when anything in DIR changed since create
set -euo pipefail
dir=$2

listing() { (cd "$dir" && find . -path ./manifest -prune -o -print | sort && \
    find . -type f ! -name manifest -print0 | sort -z | xargs -0 sha256sum); }

case $1 in
    create)
        mkdir -p "$dir/data/leuchtturm/sessions" "$dir/cache/leuchtturm"
        python3 -c "
import sqlite3, sys
with sqlite3.connect(sys.argv[1]) as db:
    db.execute('CREATE TABLE posts (id INTEGER PRIMARY KEY, state TEXT, text TEXT)')
    db.execute(\"INSERT INTO posts (state, text) VALUES ('draft', 'Entwurf des Teams')\")
" "$dir/team.sqlite3"
        cat >"$dir/config.toml" <<TOML
language = "en"

[database]
url = "sqlite:///$dir/team.sqlite3"

[[accounts]]
name = "mastodon-todo"
platform = "mastodon"
handle = "todo_dortmund"
server_url = "https://mastodon.example.org"
secret_env = "TEAM_MASTODON_TOKEN"

[[accounts]]
name = "x-todo"
platform = "x"
handle = "todo_dortmund"
server_url = "https://api.x.example.org"
secret_env = "TEAM_X_TOKEN"
TOML
        echo "the team's own data" >"$dir/data/leuchtturm/marker"
        echo "the person's cache" >"$dir/cache/leuchtturm/marker"
        listing >"$dir/manifest"
        ;;
    check)
        if ! diff <(cat "$dir/manifest") <(listing) >&2; then
            echo "hermetic guard: the test suite changed the person's database, config or" \
                "data folders above (sentinel in $dir)" >&2
            exit 1
        fi
        echo "hermetic guard: the person's database, config and data folders are unchanged"
        ;;
esac
