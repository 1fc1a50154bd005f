#!/usr/bin/env bash
# The suite's signing key and its public half for docker compose (docs/operations.md, "Identity"):
# deploy/secrets/signing-key.pem (PKCS#8, for the gateway only) and deploy/secrets/jwks.json (for the
# services). An existing key is kept, so rerunning only rewrites the JWKS. Needs openssl.
set -euo pipefail
dir="${1:-$(dirname "$0")/secrets}"
mkdir -p "$dir"
key="$dir/signing-key.pem"
if [ ! -f "$key" ]; then
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null)
fi
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
openssl rsa -in "$key" -noout -text 2>/dev/null | grep -q '^publicExponent: 65537 ' \
  || { echo "$key: the public exponent must be 65537" >&2; exit 1; }
hex=$(openssl rsa -in "$key" -noout -modulus 2>/dev/null | cut -d= -f2)
n=$(printf "$(printf '%s' "$hex" | sed 's/../\\x&/g')" | b64url)
e=AQAB
# The key id is the key's RFC 7638 thumbprint, as Sec.Identity.SigningKey names it in every token.
kid=$(printf '{"e":"%s","kty":"RSA","n":"%s"}' "$e" "$n" | openssl dgst -sha256 -binary | b64url)
printf '{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"%s","n":"%s","e":"%s"}]}' "$kid" "$n" "$e" > "$dir/jwks.json"
echo "signing key: $key (gateway only); public keys: $dir/jwks.json (services)"
