using System.Net.Sockets;
using Amazon.Runtime;
using Microsoft.Data.Sqlite;
using Npgsql;
using StackExchange.Redis;

namespace Actors.Grains.Execution;

/// <summary>
/// Tells failures of an unreachable service (database restarting, object store down) from failures of the work itself. The first kind is retried for as long as an outage lasts;
/// the second gives up after a few tries so a broken input cannot loop forever.
/// </summary>
public static class TransientFailures
{
    /// <summary>True when <paramref name="exception"/> (or an exception it wraps) says a service was unreachable.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException { IsTransient: true }:
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal):
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case SocketException or HttpRequestException or TimeoutException:
                case RedisConnectionException or RedisTimeoutException:
                case AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
            }
        }
        return false;
    }
}
