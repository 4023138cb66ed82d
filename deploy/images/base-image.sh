#!/usr/bin/env bash
# The base every service image starts from, made without Docker or a registry: Debian bookworm's essential packages,
# openjdk-17-jre-headless and ca-certificates, installed by mmdebstrap into one filesystem layer, with user 185
# (decisionlog, group 0) and a writable /deployments/tmp; written as a docker-save archive, which Jib reads
# (tar://PATH). Built once per machine and cached:
#
#   deploy/images/base-image.sh          prints the archive's path, building it first when it is not cached
#
# Environment: DECISIONLOG_IMAGE_CACHE (~/.cache/decisionlog/images), DEBIAN_MIRROR (http://deb.debian.org/debian).
# Needs root and Debian's apt: installs mmdebstrap when it is missing. SOURCE_DATE_EPOCH is fixed, so the files'
# times do not depend on the day; the packages are whatever the mirror serves that day (the cache keeps one build).
set -euo pipefail
CACHE=${DECISIONLOG_IMAGE_CACHE:-$HOME/.cache/decisionlog/images}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bookworm
OUT=$CACHE/base-jre17-$SUITE.tar
if [ -s "$OUT" ]; then
  echo "$OUT"
  exit 0
fi

say() { echo "base-image: $*" >&2; }
if ! command -v mmdebstrap > /dev/null; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get > /dev/null; then
    say "mmdebstrap is missing and this is not root on Debian: install mmdebstrap (apt-get install mmdebstrap)," \
      "or put a base image archive at $OUT"
    exit 1
  fi
  say "installing Debian's mmdebstrap"
  apt-get install -y -q mmdebstrap > /dev/null || { apt-get update -q > /dev/null && apt-get install -y -q mmdebstrap > /dev/null; }
fi
if [ "$(id -u)" != 0 ]; then
  say "mmdebstrap needs root here (--mode=root): run this as root once, the archive is cached at $OUT"
  exit 1
fi

mkdir -p "$CACHE"
work=$(mktemp -d "$CACHE/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
say "building the base image (Debian $SUITE, openjdk-17-jre-headless) into $OUT: about two minutes, once"
SOURCE_DATE_EPOCH=1700000000 mmdebstrap --quiet --mode=root --variant=essential \
  --include=openjdk-17-jre-headless,ca-certificates \
  --customize-hook='echo "decisionlog:x:185:0:decision-log:/deployments:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='mkdir -p "$1/deployments/tmp" && chown 185:0 "$1/deployments/tmp" && chmod 1775 "$1/deployments/tmp"' \
  --customize-hook='rm -rf "$1/var/cache/apt/"* "$1/var/lib/apt/lists/"* "$1/var/log/"*' \
  --format=tar "$SUITE" "$work/layer.tar" "deb $MIRROR $SUITE main" "deb $MIRROR-security $SUITE-security main"

# a docker-save archive: manifest.json, the image's config, the one layer
arch=$(dpkg --print-architecture)
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
java_home=/usr/lib/jvm/java-17-openjdk-$arch
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"2023-11-14T22:13:20Z","config":{"User":"185","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"],"WorkingDir":"/deployments"},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"2023-11-14T22:13:20Z","created_by":"deploy/images/base-image.sh: mmdebstrap $SUITE openjdk-17-jre-headless"}]}
JSON
config_id=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$work/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["decisionlog/base-jre17:%s"],"Layers":["layer.tar"]}]\n' "$config_id" "$SUITE" \
  > "$work/manifest.json"
tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -C "$work" \
  -cf "$work/base.tar" manifest.json "$config_id.json" layer.tar
mv "$work/base.tar" "$OUT"
say "done: $(du -h "$OUT" | cut -f1)"
echo "$OUT"
