-- Roles for reos: the NOLOGIN group the migrations grant DML to, and the service's login role.
-- Neither owns anything nor bypasses RLS. Change the password outside development.
CREATE ROLE reos_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
CREATE ROLE reos_service LOGIN PASSWORD 'reos_service' NOSUPERUSER NOBYPASSRLS IN ROLE reos_app;
