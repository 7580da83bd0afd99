-- Item search (STAC API): the columns search filters and sorts by, and their indexes. Times are Unix ms,
-- inclusive: an item's datetime, or its start/end range. The footprint is the item bbox (a bbox across the
-- antimeridian indexes as the whole band of latitudes: a superset the silo trims with the exact geometry).
-- Ids compare by code point (COLLATE "C"), as SQLite does, so both stores sort and page alike.
-- Collections gain the extent of their items, kept as items are written.
-- Runs inside the migrator's transaction, so it carries no BEGIN/COMMIT of its own.

ALTER TABLE stac_item DROP CONSTRAINT stac_item_collection_id_fkey;
ALTER TABLE stac_collection ALTER COLUMN id TYPE TEXT COLLATE "C";
ALTER TABLE stac_item
    ALTER COLUMN collection_id TYPE TEXT COLLATE "C",
    ALTER COLUMN id TYPE TEXT COLLATE "C",
    ADD COLUMN dt_start BIGINT,
    ADD COLUMN dt_end BIGINT,
    ADD COLUMN min_x DOUBLE PRECISION,
    ADD COLUMN min_y DOUBLE PRECISION,
    ADD COLUMN max_x DOUBLE PRECISION,
    ADD COLUMN max_y DOUBLE PRECISION,
    ADD CONSTRAINT stac_item_collection_id_fkey FOREIGN KEY (collection_id) REFERENCES stac_collection (id);

-- Items written before this migration: the silo only ever wrote a datetime and a 4-number bbox.
UPDATE stac_item SET
    dt_start = (extract(epoch FROM (COALESCE(document->'properties'->>'start_datetime', document->'properties'->>'datetime'))::timestamptz) * 1000)::bigint,
    dt_end = (extract(epoch FROM (COALESCE(document->'properties'->>'end_datetime', document->'properties'->>'datetime'))::timestamptz) * 1000)::bigint,
    min_x = CASE WHEN (document->'bbox'->>0)::double precision <= (document->'bbox'->>2)::double precision THEN (document->'bbox'->>0)::double precision ELSE -180 END,
    min_y = (document->'bbox'->>1)::double precision,
    max_x = CASE WHEN (document->'bbox'->>0)::double precision <= (document->'bbox'->>2)::double precision THEN (document->'bbox'->>2)::double precision ELSE 180 END,
    max_y = (document->'bbox'->>3)::double precision;

ALTER TABLE stac_item ALTER COLUMN dt_start SET NOT NULL, ALTER COLUMN dt_end SET NOT NULL;

-- The default order (newest first), overall and per collection; end times for interval overlap; ids for ids=.
CREATE INDEX stac_item_datetime ON stac_item (dt_start DESC, collection_id, id);
CREATE INDEX stac_item_collection_datetime ON stac_item (collection_id, dt_start DESC, id);
CREATE INDEX stac_item_end ON stac_item (dt_end);
CREATE INDEX stac_item_id ON stac_item (id);
-- The spatial index: GiST over the footprint box, which search tests with && (no PostGIS needed).
CREATE INDEX stac_item_footprint ON stac_item USING gist (box(point(min_x, min_y), point(max_x, max_y)));

ALTER TABLE stac_collection
    ADD COLUMN ext_min_x DOUBLE PRECISION,
    ADD COLUMN ext_min_y DOUBLE PRECISION,
    ADD COLUMN ext_max_x DOUBLE PRECISION,
    ADD COLUMN ext_max_y DOUBLE PRECISION,
    ADD COLUMN ext_dt_start BIGINT,
    ADD COLUMN ext_dt_end BIGINT;

UPDATE stac_collection c SET
    ext_min_x = e.min_x, ext_min_y = e.min_y, ext_max_x = e.max_x, ext_max_y = e.max_y,
    ext_dt_start = e.dt_start, ext_dt_end = e.dt_end
FROM (SELECT collection_id, min(min_x) AS min_x, min(min_y) AS min_y, max(max_x) AS max_x, max(max_y) AS max_y,
             min(dt_start) AS dt_start, max(dt_end) AS dt_end
      FROM stac_item GROUP BY collection_id) e
WHERE e.collection_id = c.id;
