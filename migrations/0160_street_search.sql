-- Streets found by name in the map's search box (GET /api/search): the names printed on the map
-- («خیابان کاوه», «Kaveh St») were not searchable, since search read only parcel addresses, which
-- name the street in front of a parcel at most. The words of both names, normalised as the parcel
-- addresses' (pelak_search_words, 0004), answer a word-prefix query («کاوه», «خ نظر», «كاوه»)
-- through a GIN index; a btree on name_fa then gathers every segment of the names found.
CREATE INDEX streets_name_words_idx ON streets USING gin (pelak_search_words(coalesce(name_fa, '') || ' ' || coalesce(name_en, '')));
CREATE INDEX streets_name_fa_idx ON streets (name_fa);
