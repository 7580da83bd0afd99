using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;
using Orleans.Storage;

namespace Actors.Grains.Persistence.Sqlite;

/// <summary>
/// Orleans grain storage in the embedded SQLite database, one row per (provider, state name, grain) with
/// the state as JSON text. ETags are random per write, so a state cleared and written again never repeats
/// an ETag an old activation might still hold; every write and clear is one conditional statement.
/// </summary>
/// <param name="name">The provider name, part of the key so two providers never share a row.</param>
/// <param name="database">The embedded database.</param>
/// <param name="serializer">A serializer writing UTF-8 text (JSON): the payload column is TEXT.</param>
public sealed class SqliteGrainStorage(string name, SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT etag, payload FROM orleans_grain_state WHERE provider = $provider AND state_name = $state AND grain_id = $grain", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Like Orleans' own providers: no row leaves the activation's default state in place.
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(BinaryData.FromString(reader.GetString(1)));
        grainState.ETag = reader.GetString(0);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");

        // No ETag means the grain believes there is no row: insert only if that is still true.
        // An ETag means it read a row: update only that version.
        var sql = grainState.ETag is null
            ? """
              INSERT INTO orleans_grain_state (provider, state_name, grain_id, etag, payload, updated_at)
              VALUES ($provider, $state, $grain, $etag, $payload, $now)
              ON CONFLICT (provider, state_name, grain_id) DO NOTHING
              """
            : """
              UPDATE orleans_grain_state SET etag = $etag, payload = $payload, updated_at = $now
              WHERE provider = $provider AND state_name = $state AND grain_id = $grain AND etag = $expected
              """;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, stateName, grainId);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$payload", serializer.Serialize(grainState.State).ToString());
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        if (grainState.ETag is not null)
        {
            command.Parameters.AddWithValue("$expected", grainState.ETag);
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw Conflict("WriteState", stateName, grainId, grainState.ETag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (grainState.ETag is null)
        {
            // Nothing to delete, but a row someone else wrote since our read is still a conflict.
            await using var probe = Command(connection, "SELECT 1 FROM orleans_grain_state WHERE provider = $provider AND state_name = $state AND grain_id = $grain", stateName, grainId);
            if (await probe.ExecuteScalarAsync(cancellationToken) is not null)
            {
                throw Conflict("ClearState", stateName, grainId, grainState.ETag);
            }
        }
        else
        {
            await using var delete = Command(connection, "DELETE FROM orleans_grain_state WHERE provider = $provider AND state_name = $state AND grain_id = $grain AND etag = $expected", stateName, grainId);
            delete.Parameters.AddWithValue("$expected", grainState.ETag);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw Conflict("ClearState", stateName, grainId, grainState.ETag);
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$provider", name);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return command;
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"ETag conflict ({operation}): Provider={name} State={stateName} GrainId={grainId} ETag={etag ?? "(none)"}.");
}

/// <summary>Registers <see cref="SqliteGrainStorage"/> as a named Orleans grain storage provider.</summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds SQLite grain storage under <paramref name="name"/> (the <c>storageName</c> of
    /// <c>[PersistentState]</c>). Needs a <see cref="SqliteDatabase"/> singleton in the container.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name.</param>
    /// <param name="serializer">
    /// The state serializer; <see cref="JsonGrainStateSerializer"/> when omitted. It must write UTF-8 text.
    /// </param>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder, string name, Func<IServiceProvider, IGrainStorageSerializer>? serializer = null)
    {
        builder.Services.TryAddSingleton<JsonGrainStateSerializer>();
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => new SqliteGrainStorage(
            name,
            services.GetRequiredService<SqliteDatabase>(),
            serializer?.Invoke(services) ?? services.GetRequiredService<JsonGrainStateSerializer>()));

        // A [PersistentState] without a storage name, or a Grain<T>, resolves the unkeyed service;
        // Orleans' own providers alias their "Default" the same way.
        if (name == ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
        {
            builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<IGrainStorage>(name));
        }

        return builder;
    }
}
