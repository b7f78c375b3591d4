#!/bin/sh
# -Plocalstack: fail the build at once, with one line, where LocalStack cannot run.
if ! docker info >/dev/null 2>&1; then
  echo "[motcua] -Plocalstack needs a running Docker engine, and none answers here (docker info failed). Run 'mvn -B verify' for the same suite on moto, S3Proxy and ElasticMQ." >&2
  exit 1
fi
if [ -z "${LOCALSTACK_AUTH_TOKEN:-}" ]; then
  echo "[motcua] -Plocalstack needs LOCALSTACK_AUTH_TOKEN: LocalStack's image no longer starts without an auth token. Run 'mvn -B verify' for the same suite on moto, S3Proxy and ElasticMQ." >&2
  exit 1
fi
