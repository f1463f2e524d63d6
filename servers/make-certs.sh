#!/bin/bash
# Test PKI for the reference servers, written once into servers/state/certs/.
# Called by servers/up; safe to run by hand. Existing certificates are kept:
# clients may already have pinned ca.crt. Delete the directory to start over.
#
#   ca.crt                      the only thing clients should trust
#   prosody.test, ejabberd.test good leaf certs, SAN also *.<domain>
#   expired.test                signed by the CA, expired in 2020
#   wrongname.test              signed by the CA, but issued for other.test
#   selfsigned.test             right name, not signed by the CA
# Each leaf: NAME.crt, NAME.key and NAME.pem (cert followed by key, for ejabberd).
set -euo pipefail

OUT=${1:-$(cd "$(dirname "$0")" && pwd -P)/state/certs}
[ -f "$OUT/.complete" ] && exit 0

# Build into a scratch dir and rename at the end, so an interrupted run never
# leaves a half-made set that a later run would mistake for a finished one.
WORK=$OUT.tmp.$$
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"
mkdir -p "$WORK"
cd "$WORK"

DAYS=3650
q() { "$@" >/dev/null 2>&1 || { echo "make-certs: failed: $*" >&2; exit 1; }; }

q openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days $DAYS \
  -subj "/CN=Stanzalab Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"

# signed NAME CN SAN: CA-signed leaf. clientAuth is in the EKU because a server
# presents the same certificate as TLS client when it opens an s2s connection.
signed() {
  local name=$1 cn=$2 san=$3
  q openssl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$cn"
  cat >"$name.ext" <<EOF
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=$san
EOF
  q openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
    -days $DAYS -sha256 -extfile "$name.ext" -out "$name.crt"
  rm -f "$name.csr" "$name.ext"
}
signed prosody.test   prosody.test  "DNS:prosody.test,DNS:*.prosody.test"
signed ejabberd.test  ejabberd.test "DNS:ejabberd.test,DNS:*.ejabberd.test"
signed wrongname.test other.test    "DNS:other.test"

# OpenSSL 3.0's "x509 -req" cannot set a start date in the past, "openssl ca"
# can; it insists on a small database, so give it a throwaway one.
q openssl req -new -newkey rsa:2048 -nodes -keyout expired.test.key -out expired.csr -subj "/CN=expired.test"
mkdir cadb; : >cadb/index.txt; echo 01 >cadb/serial
cat >cadb/ca.cnf <<'EOF'
[ca]
default_ca = old
[old]
database = cadb/index.txt
serial = cadb/serial
new_certs_dir = cadb
default_md = sha256
policy = anything
x509_extensions = leaf
[anything]
commonName = supplied
[leaf]
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:expired.test
EOF
q openssl ca -batch -notext -config cadb/ca.cnf -cert ca.crt -keyfile ca.key -in expired.csr \
  -startdate 20200101000000Z -enddate 20200201000000Z -out expired.test.crt
rm -rf cadb expired.csr ca.srl

q openssl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.test.key -out selfsigned.test.crt \
  -days $DAYS -subj "/CN=selfsigned.test" -addext "subjectAltName=DNS:selfsigned.test"

for n in prosody.test ejabberd.test expired.test wrongname.test selfsigned.test; do
  cat "$n.crt" "$n.key" >"$n.pem"
done
# The servers run as the prosody/ejabberd users and must read their keys:
# world-readable is acceptable for throwaway test keys. The CA key is not needed
# by anyone but this script.
chmod 644 ./*.crt ./*.key ./*.pem
chmod 600 ca.key
touch .complete

cd /
mv "$WORK" "$OUT"
chmod 755 "$OUT"
