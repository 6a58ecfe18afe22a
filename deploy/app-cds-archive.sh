#!/bin/sh
# Makes the class-data (AppCDS) archive the bot starts with: one training start of the packaged bot, through to
# ready, on a throwaway data directory with its embedded PostgreSQL, then a clean stop, at which the JVM writes every
# class start-up loaded into the archive. Quarkus's own archive (quarkus.package.jar.appcds) stops recording before
# the application starts, so Hibernate, Flyway, Quartz and the bot's own start-up still loaded and verified about
# 12,000 classes from the jars on every start; with this one they come from the archive.
#
#   deploy/app-cds-archive.sh APP_DIR [ARCHIVE]      (APP_DIR: target/quarkus-app, or /deployments in the image)
#
# The archive only works with the JVM that made it and the jar at the same path, so the image makes its own
# (deploy/Dockerfile). PostgreSQL refuses to run as root: run this as the user the bot runs as. Environment:
# JAVA_OPTS (the flags the bot will run with), APP_CDS_HTTP_PORT (18990), APP_CDS_POSTGRES_PORT (18991),
# APP_CDS_TIMEOUT (seconds to wait for ready, 300).
set -eu
app_dir=$(cd "${1:?usage: app-cds-archive.sh APP_DIR [ARCHIVE]}" && pwd)
archive=${2:-$app_dir/app-cds.jsa}
case "$archive" in /*) ;; *) archive=$(pwd)/$archive ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$archive"
cd "$app_dir"
# A bot token or an external database in the environment would send the training start to them: unset them.
env -u SLACK_BOT_TOKEN -u SLACK_APP_TOKEN -u QUARKUS_DATASOURCE_JDBC_URL -u HARBORMASTER_CATALOG_DIR \
    HARBORMASTER_DATA_DIR="$work/data" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="${APP_CDS_HTTP_PORT:-18990}" \
    HARBORMASTER_EMBEDDED_POSTGRES_PORT="${APP_CDS_POSTGRES_PORT:-18991}" SLACK_SIGNING_SECRET=app-cds-training \
    java ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar quarkus-run.jar > "$work/bot.log" 2>&1 &
bot=$!
waited=0
until grep -q "started in" "$work/bot.log"; do
    if ! kill -0 "$bot" 2>/dev/null || [ "$waited" -ge "${APP_CDS_TIMEOUT:-300}" ]; then
        kill "$bot" 2>/dev/null || true
        tail -n 40 "$work/bot.log" >&2
        echo "app-cds-archive: the training start did not get ready" >&2
        exit 1
    fi
    sleep 1
    waited=$((waited + 1))
done
# SIGTERM is a normal exit: the shutdown stops the embedded PostgreSQL, then the JVM writes the archive.
kill -TERM "$bot"
wait "$bot" || true
if [ ! -s "$archive" ]; then
    tail -n 40 "$work/bot.log" >&2
    echo "app-cds-archive: no archive was written" >&2
    exit 1
fi
echo "app-cds-archive: $archive ($(du -m "$archive" | cut -f1) MB) after a ${waited} s training start"
