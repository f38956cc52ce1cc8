#!/usr/bin/env bash
# Creates the Secrets the Arena manifests reference, in a namespace, without ever writing a value
# into the repository. Run once per namespace, before `kubectl apply -k k8s/overlays/<overlay>`:
#
#   k8s/create-secrets.sh arena-dev            # dev: generates everything
#   ARENA_DB_PASSWORD=... k8s/create-secrets.sh arena   # prod: the password of your external DB
#
#   arena-db     key `password`: the PostgreSQL password of ARENA_DB_USER. Taken from
#                ARENA_DB_PASSWORD, or generated (dev: the in-cluster PostgreSQL is created with it).
#   arena-jwt    keys `privateKey.pem` (PKCS#8, only the lobby mounts it) and `publicKey.pem`:
#                the token signing pair. Taken from ARENA_JWT_PRIVATE_KEY_FILE/ARENA_JWT_PUBLIC_KEY_FILE,
#                or generated with openssl.
#   arena-redis  key `password` (optional): only if ARENA_REDIS_PASSWORD is set.
#   arena-console key `password`: the operator console's sign-in. Taken from
#                ARENA_LOBBY_CONSOLE_PASSWORD, or generated and printed once.
# An existing Secret is left alone (delete it first to replace it; restart the pods afterwards:
# kubectl -n NS rollout restart deployment,statefulset). arena-tls (prod Ingress certificate) is
# yours or cert-manager's to create.
set -euo pipefail

ns=${1:?usage: k8s/create-secrets.sh NAMESPACE}
command -v kubectl >/dev/null || { echo "kubectl is required" >&2; exit 1; }

exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"

if exists arena-db; then
    echo "secret arena-db exists: kept"
else
    password=${ARENA_DB_PASSWORD:-$(openssl rand -hex 24)}
    kubectl -n "$ns" create secret generic arena-db --from-literal=password="$password"
fi

if exists arena-jwt; then
    echo "secret arena-jwt exists: kept"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    if [[ -n ${ARENA_JWT_PRIVATE_KEY_FILE:-} ]]; then
        cp "$ARENA_JWT_PRIVATE_KEY_FILE" "$work/privateKey.pem"
        cp "${ARENA_JWT_PUBLIC_KEY_FILE:?set ARENA_JWT_PUBLIC_KEY_FILE too}" "$work/publicKey.pem"
    else
        (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/privateKey.pem" 2>/dev/null)
        openssl pkey -in "$work/privateKey.pem" -pubout -out "$work/publicKey.pem"
    fi
    kubectl -n "$ns" create secret generic arena-jwt \
        --from-file=privateKey.pem="$work/privateKey.pem" --from-file=publicKey.pem="$work/publicKey.pem"
fi

if [[ -n ${ARENA_REDIS_PASSWORD:-} ]]; then
    if exists arena-redis; then
        echo "secret arena-redis exists: kept"
    else
        kubectl -n "$ns" create secret generic arena-redis --from-literal=password="$ARENA_REDIS_PASSWORD"
    fi
fi

if exists arena-console; then
    echo "secret arena-console exists: kept"
else
    console=${ARENA_LOBBY_CONSOLE_PASSWORD:-$(openssl rand -hex 16)}
    kubectl -n "$ns" create secret generic arena-console --from-literal=password="$console"
    [[ -n ${ARENA_LOBBY_CONSOLE_PASSWORD:-} ]] || echo "operator console password (kept only in the Secret): $console"
fi
