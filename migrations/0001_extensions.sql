-- PostGIS: 3.3 on Debian's PostgreSQL 15, 3.6 in the embedded PGlite. Nothing here may need more than 3.3.
CREATE EXTENSION IF NOT EXISTS postgis;
