namespace Actors.Bench.Cluster;

/// <summary>What a benchmark runs: how many silos, and for more than one, the ports of its own services.</summary>
/// <param name="Silos">Silo processes: 1 runs the embedded default (SQLite, local files, memory streams), more run on the services.</param>
/// <param name="PostgresPort">Port of the benchmark's own PostgreSQL.</param>
/// <param name="S3Port">Port of the benchmark's own s3rver.</param>
/// <param name="RedisPort">Port of the benchmark's own Redis.</param>
/// <param name="RedisStreams">Whether the silos' event streams run on Redis rather than in memory.</param>
public sealed record ClusterShape(int Silos, int PostgresPort, int S3Port, int RedisPort, bool RedisStreams);
