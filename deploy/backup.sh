#!/usr/bin/env bash
# Back up the portal: a custom-format dump of the database (pg_dump) and a copy of the media.
# Run nightly by portal-backup.timer; the README ("Backups") gives the restore steps.
# Media copies are hard-linked to the previous one (rsync --link-dest): a file that did not
# change takes no new space. Backups older than BACKUP_KEEP_DAYS are removed.
set -euo pipefail

: "${DATABASE_URL:?Set DATABASE_URL (postgres://...) in the environment file}"
BACKUP_DIR="${BACKUP_DIR:-/srv/portal/backups}"
MEDIA_ROOT="${MEDIA_ROOT:-/srv/portal/media}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR/db" "$BACKUP_DIR/media"

case "$DATABASE_URL" in
  postgres://*|postgresql://*)
    pg_dump --format=custom --no-owner --no-privileges \
      --file="$BACKUP_DIR/db/portal-$stamp.dump.partial" "$DATABASE_URL"
    mv "$BACKUP_DIR/db/portal-$stamp.dump.partial" "$BACKUP_DIR/db/portal-$stamp.dump"
    echo "database: $BACKUP_DIR/db/portal-$stamp.dump"
    ;;
  *)
    echo "backup.sh dumps PostgreSQL only; DATABASE_URL is not a postgres:// address" >&2
    exit 2
    ;;
esac

# With S3-compatible media storage (AWS_STORAGE_BUCKET_NAME) the bucket keeps the files:
# turn on its versioning instead. Otherwise copy the local media folder.
if [ -z "${AWS_STORAGE_BUCKET_NAME:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  link_dest=()
  [ -d "$BACKUP_DIR/media/latest/" ] && link_dest=(--link-dest="$BACKUP_DIR/media/latest/")
  rsync -a --delete "${link_dest[@]}" "$MEDIA_ROOT/" "$BACKUP_DIR/media/$stamp.partial/"
  mv "$BACKUP_DIR/media/$stamp.partial" "$BACKUP_DIR/media/$stamp"
  ln -sfn "$stamp" "$BACKUP_DIR/media/latest"
  echo "media: $BACKUP_DIR/media/$stamp"
fi

find "$BACKUP_DIR/db" -maxdepth 1 -name 'portal-*.dump' -mtime "+$BACKUP_KEEP_DAYS" -delete
find "$BACKUP_DIR/media" -mindepth 1 -maxdepth 1 -type d -name '20*' -mtime "+$BACKUP_KEEP_DAYS" \
  -exec rm -rf {} +
