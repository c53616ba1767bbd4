#!/usr/bin/env bash
# Makes the base images the Dockerfile builds on, from Debian packages alone, for hosts that
# reach no registry of base images:
#
#   keyward-base        Debian bookworm (minbase) plus this host's Node.js and npm: the runtime.
#   keyward-build-base  keyward-base plus python3, make, g++ and the host's Node.js headers,
#                       which better-sqlite3 compiles with when no prebuilt binary can be
#                       downloaded: the build stage.
#   keyward-postgres    keyward-base plus Debian's PostgreSQL and a small entrypoint taking the
#                       official image's variables (POSTGRES_PASSWORD, POSTGRES_USER,
#                       POSTGRES_DB): the database of compose.yaml.
#
# Debian bookworm's nodejs is 18, older than Keyward's engines (>= 20.19), so the host's node
# binary (the one `command -v node` finds) and its npm are copied in; it links only glibc and
# libstdc++, which minbase carries. The host's extra CA certificates are copied into
# container/ca/ (git-ignored) for the build stage's npm, on networks that reach the registry
# through a proxy with its own CA.
#
#   sudo container/build-base.sh [--engine podman|docker] [--mirror URL] [--no-postgres]
#
# Needs root (debootstrap), debootstrap and the engine; takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")"

ENGINE=podman
MIRROR=http://deb.debian.org/debian
POSTGRES=1
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) ENGINE="$2"; shift 2 ;;
    --mirror) MIRROR="$2"; shift 2 ;;
    --no-postgres) POSTGRES=0; shift ;;
    *) echo "build-base.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

NODE="$(readlink -f "$(command -v node)")"
NODE_MAJOR="$("$NODE" -p 'process.versions.node.split(".")[0]')"
if [ "$NODE_MAJOR" -lt 20 ]; then
  echo "build-base.sh: the host's Node.js is $("$NODE" -v); Keyward needs 20.19 or newer" >&2
  exit 1
fi
NPM_DIR="$(dirname "$NODE")/../lib/node_modules/npm"
[ -f "$NPM_DIR/bin/npm-cli.js" ] || NPM_DIR="$(npm root -g)/npm"

# The CAs a proxy on the way to the npm registry may need, from the usual places; a bundle of
# every public root (the system one) is skipped: the base's Node has those built in.
rm -f ca/*.crt
for cert in /usr/local/share/ca-certificates/*.crt "${NODE_EXTRA_CA_CERTS:-}" "$(npm config get cafile 2>/dev/null || true)"; do
  [ -f "$cert" ] || continue
  [ "$(grep -c 'BEGIN CERTIFICATE' "$cert")" -gt 20 ] && continue
  cp "$cert" "ca/$(basename "$cert")"
done
cat ca/*.crt > ca/extra.pem 2>/dev/null || : > ca/extra.pem

ROOTFS="$(mktemp -d /tmp/keyward-rootfs.XXXXXX)"
# mktemp's folder is 0700, and it becomes the image's /: a non-root user could open nothing.
chmod 0755 "$ROOTFS"
# --one-file-system: never into a /proc or /sys a failed debootstrap left mounted.
trap 'rm -rf --one-file-system "$ROOTFS"' EXIT

echo "== debootstrap bookworm (minbase)"
debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >/dev/null
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*

echo "== Node.js $("$NODE" -v) from this host"
install -m 0755 "$NODE" "$ROOTFS/usr/local/bin/node"
mkdir -p "$ROOTFS/usr/local/lib/node_modules"
cp -a "$(readlink -f "$NPM_DIR")" "$ROOTFS/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
chroot "$ROOTFS" /usr/local/bin/node -v >/dev/null

import_image() {
  tar -C "$ROOTFS" -c . | "$ENGINE" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$1" >/dev/null
  echo "   imported $1"
}
import_image keyward-base

in_root() {
  cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"
  chroot "$ROOTFS" env DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

if [ "$POSTGRES" = 1 ]; then
  echo "== PostgreSQL from Debian"
  PGROOT="$(mktemp -d /tmp/keyward-pgroot.XXXXXX)"
  trap 'rm -rf --one-file-system "$ROOTFS" "$PGROOT"' EXIT
  cp -a "$ROOTFS/." "$PGROOT/"
  chmod 0755 "$PGROOT"
  ( ROOTFS="$PGROOT"
    # The package's postinst would create and start a cluster; the entrypoint makes its own.
    mkdir -p "$ROOTFS/etc/postgresql-common/createcluster.d"
    echo 'create_main_cluster = false' > "$ROOTFS/etc/postgresql-common/createcluster.d/no-main.conf"
    in_root apt-get update -qq
    in_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
    install -m 0755 postgres/entrypoint.sh "$ROOTFS/usr/local/bin/postgres-entrypoint"
    PGBIN="$(ls -d "$ROOTFS"/usr/lib/postgresql/*/bin | head -1)"
    tar -C "$ROOTFS" -c . | "$ENGINE" import \
      --change "ENV PATH=/usr/local/sbin:/usr/local/bin:${PGBIN#"$ROOTFS"}:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change 'ENV PGDATA=/var/lib/postgresql/data' \
      --change 'EXPOSE 5432' \
      --change 'VOLUME /var/lib/postgresql/data' \
      --change 'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]' \
      --change 'CMD ["postgres"]' - keyward-postgres >/dev/null
    echo "   imported keyward-postgres" )
fi

echo "== build tools for the build stage"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
# node-gyp downloads the headers of the running Node from nodejs.org unless it finds them
# (npm_config_nodedir, which the Dockerfile sets when they are here); this host's match its node.
NODE_HEADERS="$(dirname "$NODE")/../include/node"
if [ -f "$NODE_HEADERS/common.gypi" ]; then
  mkdir -p "$ROOTFS/usr/local/include"
  cp -a "$(readlink -f "$NODE_HEADERS")" "$ROOTFS/usr/local/include/node"
else
  echo "   no Node.js headers next to $NODE: node-gyp will download them"
fi
import_image keyward-build-base
