#!/bin/sh
# Writes the secret files docker-compose.yml mounts (./secrets/*.txt), each only when it is missing: running it again
# never replaces a key. Keep ./secrets out of version control (.gitignore does) and back up
# personal_data_master_key.txt: without it no name, BSN or free text can be read again.
set -eu
cd "$(dirname "$0")/.."
# Only the owner may enter the directory; the files themselves are readable, because Docker Compose (outside swarm)
# bind-mounts them as they are and the containers read them as their own users (node, postgres, grafana).
mkdir -p secrets
chmod 700 secrets

create() { # file, command printing the value
  if [ -s "secrets/$1" ]; then echo "secrets/$1: kept"; else sh -c "$2" > "secrets/$1"; chmod 644 "secrets/$1"; echo "secrets/$1: created"; fi
}

create auth_jwt_secret.txt 'openssl rand -base64 48 | tr -d "\n"; echo'
create personal_data_master_key.txt 'openssl rand -base64 32'
create postgres_password.txt 'openssl rand -hex 24'
create grafana_admin_password.txt 'openssl rand -hex 16'
# The URL holds the database password: it is written from postgres_password.txt, so the two always agree.
create database_url.txt 'echo "postgresql://casusregie:$(cat secrets/postgres_password.txt)@postgres:5432/casusregie"'
