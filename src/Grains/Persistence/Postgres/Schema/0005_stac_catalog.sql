-- The project's own STAC catalog (not from dotnet/orleans), unchanged from the schema PostgresDatabase created before
-- the migrator existed. IF NOT EXISTS because databases created by that code already hold these tables.
-- Runs inside the migrator's transaction, so it carries no BEGIN/COMMIT of its own.

CREATE TABLE IF NOT EXISTS stac_collection (
    id TEXT PRIMARY KEY,
    document JSONB NOT NULL
);

CREATE TABLE IF NOT EXISTS stac_item (
    collection_id TEXT NOT NULL REFERENCES stac_collection (id),
    id TEXT NOT NULL,
    document JSONB NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (collection_id, id)
);
