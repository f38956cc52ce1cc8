#!/bin/sh
# The one-shot `keys` service of docker-compose.yml: makes the JWT key pair into the `jwt-keys`
# volume the first time, leaves an existing pair alone (players' tokens stay valid across
# `docker-compose down` / `up`). RSA 2048; the private key is PKCS#8 PEM, as the lobby expects.
# The services run as uid 185 and read the keys from a read-only mount of the volume.
set -eu
dir=${ARENA_KEYS_DIR:-/keys}
if [ -s "$dir/privateKey.pem" ] && [ -s "$dir/publicKey.pem" ]; then
    echo "JWT key pair present in $dir: kept"
    exit 0
fi
command -v openssl >/dev/null 2>&1 || apk add --no-cache openssl >/dev/null
umask 077
tmp=$(mktemp -d "$dir/.new.XXXXXX")
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp/privateKey.pem" 2>/dev/null
openssl pkey -in "$tmp/privateKey.pem" -pubout -out "$tmp/publicKey.pem"
chown 185:0 "$tmp/privateKey.pem" "$tmp/publicKey.pem"
chmod 0400 "$tmp/privateKey.pem"
chmod 0444 "$tmp/publicKey.pem"
# Public key first, private key last: the check above sees a complete pair or none.
mv "$tmp/publicKey.pem" "$dir/publicKey.pem"
mv "$tmp/privateKey.pem" "$dir/privateKey.pem"
rmdir "$tmp"
echo "JWT key pair generated in $dir"
