-- A case is the municipality's record of what was asked and decided: re-importing or deleting a
-- parcel must never erase it. The foreign key refuses the delete instead of cascading.
ALTER TABLE cases DROP CONSTRAINT cases_parcel_id_fkey;
ALTER TABLE cases ADD CONSTRAINT cases_parcel_id_fkey
  FOREIGN KEY (parcel_id) REFERENCES parcels (id) ON DELETE RESTRICT;
