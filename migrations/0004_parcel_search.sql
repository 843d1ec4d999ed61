-- Parcel search (GET /api/search) by renovation code, registration plate, postal code and address.
-- pg_trgm is not in the embedded PGlite build, so search stands on what core PostgreSQL has on both
-- backends: btree text_pattern_ops indexes for exact and prefix (LIKE 'abc%') matches whatever the
-- collation, and a GIN full-text index for word prefixes anywhere in an address.

-- Persian text normalised the way searchKey() / searchWords() in src/lib/domain/text.ts do (a test
-- checks they agree): Persian/Arabic digits to ASCII, Arabic yeh/kaf and other variants to Persian
-- letters, lower case, diacritics and tatweel dropped. pelak_search_key also drops spaces, ZWNJ and
-- separators, so «میدان‌امام», «میدان امام» and «ميدانامام» share one key; pelak_search_words turns them
-- into spaces, giving the words of the text.
CREATE FUNCTION pelak_search_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT translate(lower(t),
    E'۰۱۲۳۴۵۶۷۸۹\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u064a\u0649\u0643ةۀأإٱ\u0020\u0009\u000a\u000d\u00a0\u200c،,.-_؛;:()«»"\'/\u200d\u200e\u200f\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670',
    E'01234567890123456789ییک\u0647\u0647ااا') $$;

CREATE FUNCTION pelak_search_words(t text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT to_tsvector('simple'::regconfig, translate(lower(t),
    E'۰۱۲۳۴۵۶۷۸۹\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u064a\u0649\u0643ةۀأإٱ\u0020\u0009\u000a\u000d\u00a0\u200c،,.-_؛;:()«»"\'/\u200d\u200e\u200f\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670',
    E'01234567890123456789ییک\u0647\u0647ااا\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020\u0020')) $$;

CREATE INDEX parcels_address_key_idx ON parcels (pelak_search_key(address) text_pattern_ops);
CREATE INDEX parcels_address_words_idx ON parcels USING gin (pelak_search_words(address));
CREATE INDEX parcels_renovation_code_prefix_idx ON parcels (renovation_code text_pattern_ops);
CREATE INDEX parcels_postal_code_prefix_idx ON parcels (postal_code text_pattern_ops);
-- A plate typed without its sub number ("1234") finds every sub plate of that main plate.
CREATE INDEX parcels_plate_main_idx ON parcels (plate_main);
