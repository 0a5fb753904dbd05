-- Load-test data: five tenants; the first (`bench`) gets :n properties, each with two owners'
-- shares, two leases, a hazard row and a valuation; the other four get :n / 10 each.
-- Run as the schema owner (a superuser bypasses RLS; seeding is not a request).
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO tenants (id, slug, name, created_at)
SELECT gen_random_uuid(), s, initcap(s), now()
FROM unnest(ARRAY['bench', 'other1', 'other2', 'other3', 'other4']) AS s
ON CONFLICT (slug) DO NOTHING;

CREATE TEMP TABLE plan AS
SELECT t.id AS tenant_id, CASE WHEN t.slug = 'bench' THEN :n ELSE :n / 10 END AS n FROM tenants t
WHERE t.slug IN ('bench', 'other1', 'other2', 'other3', 'other4');

INSERT INTO owners (id, tenant_id, name, normalized_name, owner_type, created_at, updated_at)
SELECT gen_random_uuid(), p.tenant_id, 'Owner ' || g, 'owner ' || g, 'llc', now(), now()
FROM plan p, generate_series(1, 200) g;

INSERT INTO properties (id, tenant_id, name, address_line1, city, state, postal_code, latitude, longitude,
  property_type, living_area_sf, year_built, list_price, building_area_sf, status, pipeline_stage, source,
  created_at, updated_at)
SELECT gen_random_uuid(), p.tenant_id, 'Property ' || g, g || ' Main St',
  (ARRAY['Ames', 'Boone', 'Nevada', 'Story City'])[1 + g % 4], 'IA', '50010',
  42.0 + (g % 1000) / 10000.0, -93.6 - (g % 700) / 10000.0,
  (ARRAY['office', 'retail', 'single_family', 'multifamily'])[1 + g % 4], 1500 + g % 900, 1950 + g % 70,
  200000 + (g % 5000) * 137, 10000 + g % 5000, 'active', 'screening', 'bench',
  now() - (g || ' minutes')::interval, now()
FROM plan p, generate_series(1, p.n) g;

INSERT INTO property_ownership (id, tenant_id, property_id, owner_id, share_pct, created_at)
SELECT gen_random_uuid(), pr.tenant_id, pr.id, o.id, 50, now()
FROM properties pr
JOIN LATERAL (
  SELECT id FROM owners o WHERE o.tenant_id = pr.tenant_id
  ORDER BY o.normalized_name OFFSET (abs(hashtext(pr.id::text)) % 199) LIMIT 2
) o ON true;

INSERT INTO leases (id, tenant_id, property_id, tenant_name, suite, vacant, area_sf, start_month, end_month, rent_psf,
  escalation_pct, free_rent_months, recovery, mla, created_at, updated_at)
SELECT gen_random_uuid(), pr.tenant_id, pr.id, 'Tenant ' || s, s::text, false, 2500, date '2024-01-01',
  date '2029-12-01', 24, 0.03, 0, 'nnn', 'office', now(), now()
FROM properties pr, generate_series(1, 2) s;

INSERT INTO property_hazards (id, tenant_id, property_id, flood_score, wildfire_score, heat_score, composite_score,
  annual_cost, value_adjustment_pct, source, assessed_at)
SELECT gen_random_uuid(), tenant_id, id, 0.2, 0.1, 0.3, 0.18, 1200, -0.01, 'bench', now() FROM properties;

INSERT INTO valuations (id, tenant_id, property_id, model, model_version, inputs_hash, value, result, created_by, created_at)
SELECT gen_random_uuid(), tenant_id, id, 'dcf', 'bench', repeat('0', 64), list_price, '{}'::json, 'bench', now()
FROM properties;
COMMIT;
-- Vacuum as autovacuum would have by now: the visibility map lets counts use index-only scans.
VACUUM ANALYZE;
