-- Tile freshness (0060) for the layers that came after it: the excavation works' tiles follow their
-- rows and the organisations they name; the zoning tiles read their limits from the rule book in force.
SELECT pelak_track_tile_layer('excavation_works', 'excavations');
SELECT pelak_track_tile_dependency('organisations', 'excavations');
SELECT pelak_track_tile_dependency('rule_books', 'zoning');
SELECT pelak_track_tile_dependency('zone_rules', 'zoning');
