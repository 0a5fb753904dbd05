# Shared database setup of the load benchmarks (ops/load/run.sh, ops/load/compare.sh); sourced, not run.
# Needs DB (database name), N (properties of tenant `bench`), PGHOST_URL (a superuser URL without
# database) and BIN (the reos binary); sets OWNER (the schema owner's URL of DB) and DATA (a fresh
# REOS_DATA_DIR). Drops and recreates DB, migrates it as the owner, seeds it with ops/load/seed.sql
# and makes the login role `reos_service` (NOBYPASSRLS, a member of reos_app) the services connect as.
reos_bench_setup_db() {
  dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"
  createdb -h 127.0.0.1 -U postgres "$DB"
  OWNER="$PGHOST_URL/$DB"
  DATA=$(mktemp -d)
  REOS_DATA_DIR="$DATA" REOS_DATABASE_URL="$OWNER" "$BIN" migrate up
  psql -q "$OWNER" -v n="$N" -f ops/load/seed.sql
  reos_bench_service_role
}

# The login role the services connect as (roles are cluster-wide: created once, granted again).
reos_bench_service_role() {
  psql -q "$PGHOST_URL/postgres" -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reos_service') THEN
      CREATE ROLE reos_service LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END \$\$; GRANT reos_app TO reos_service;"
}
