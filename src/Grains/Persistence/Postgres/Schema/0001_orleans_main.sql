-- Adapted from the dotnet/orleans reference script src/AdoNet/Shared/PostgreSQL-Main.sql.
-- Orleans' ADO.NET providers read every statement they issue from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"); the later scripts fill it.
-- Runs inside the migrator's transaction, so it carries no BEGIN/COMMIT of its own.

CREATE TABLE OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);
