using Actors.Grains.Persistence;
using Actors.Grains.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Actors.Grains.Tests;

/// <summary>The Orleans grain storage on the embedded SQLite file: ETag rules as Orleans' providers have them.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eo-grain-storage-" + Guid.NewGuid().ToString("N"));
    private readonly GrainId _grain = GrainId.Create("job", "j-" + Guid.NewGuid().ToString("N")[..8]);

    private string DatabasePath => Path.Combine(_directory, "silo.db");

    private SqliteGrainStorage Open(string provider = "Default") =>
        new(provider, new SqliteDatabase(DatabasePath), new JsonGrainStateSerializer());

    public enum Phase { Queued, Running }

    // Positional record with read-only collections: what grain state types in this repository look like.
    public sealed record JobState(string Name, Phase Phase, IReadOnlyList<string> Items, IReadOnlyDictionary<string, double> Scores);

    private static GrainState<JobState> Empty(string? etag = null) =>
        new(new JobState("", Phase.Queued, [], new Dictionary<string, double>()), etag);

    private static JobState Sample(string name) =>
        new(name, Phase.Running, ["a", "b"], new Dictionary<string, double> { ["ndvi"] = 0.5 });

    private static void AssertSame(JobState expected, JobState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Phase, actual.Phase);
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.Scores, actual.Scores);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var storage = Open();
        var written = new GrainState<JobState>(Sample("first"));
        await storage.WriteStateAsync("job", _grain, written);

        var read = Empty();
        await storage.ReadStateAsync("job", _grain, read);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSame(Sample("first"), read.State);
    }

    [Fact]
    public async Task Reading_a_grain_never_written_has_no_etag_and_no_record()
    {
        var read = Empty("left-over");
        await Open().ReadStateAsync("job", _grain, read);

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_leaves_the_newer_state()
    {
        var storage = Open();
        var first = new GrainState<JobState>(Sample("v1"));
        await storage.WriteStateAsync("job", _grain, first);
        var staleEtag = first.ETag;
        first.State = Sample("v2");
        await storage.WriteStateAsync("job", _grain, first);

        var stale = new GrainState<JobState>(Sample("stale"), staleEtag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("job", _grain, stale));

        var read = Empty();
        await storage.ReadStateAsync("job", _grain, read);
        AssertSame(Sample("v2"), read.State);
        Assert.Equal(first.ETag, read.ETag);
        Assert.Equal(staleEtag, stale.ETag);
    }

    [Fact]
    public async Task A_first_write_with_an_etag_is_refused()
    {
        var storage = Open();
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("job", _grain, new GrainState<JobState>(Sample("x"), "invented")));

        var read = Empty();
        await storage.ReadStateAsync("job", _grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task A_write_without_an_etag_over_an_existing_row_is_refused()
    {
        var storage = Open();
        await storage.WriteStateAsync("job", _grain, new GrainState<JobState>(Sample("winner")));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("job", _grain, new GrainState<JobState>(Sample("loser"))));

        var read = Empty();
        await storage.ReadStateAsync("job", _grain, read);
        AssertSame(Sample("winner"), read.State);
    }

    [Fact]
    public async Task Clear_deletes_the_row_and_checks_the_etag()
    {
        var storage = Open();
        var state = new GrainState<JobState>(Sample("doomed"));
        await storage.WriteStateAsync("job", _grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.ClearStateAsync("job", _grain, Empty("stale")));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.ClearStateAsync("job", _grain, Empty()));

        await storage.ClearStateAsync("job", _grain, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);

        var read = Empty();
        await storage.ReadStateAsync("job", _grain, read);
        Assert.False(read.RecordExists);

        // After a clear the grain starts over without an ETag.
        await storage.WriteStateAsync("job", _grain, state);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task State_names_and_providers_do_not_collide()
    {
        await Open("Default").WriteStateAsync("job", _grain, new GrainState<JobState>(Sample("default/job")));
        await Open("Default").WriteStateAsync("other", _grain, new GrainState<JobState>(Sample("default/other")));
        await Open("Archive").WriteStateAsync("job", _grain, new GrainState<JobState>(Sample("archive/job")));

        var read = Empty();
        await Open("Archive").ReadStateAsync("job", _grain, read);
        Assert.Equal("archive/job", read.State?.Name);
        await Open("Default").ReadStateAsync("other", _grain, read);
        Assert.Equal("default/other", read.State?.Name);
    }

    [Fact]
    public async Task State_survives_reopening_the_database_file()
    {
        var written = new GrainState<JobState>(Sample("durable"));
        await Open().WriteStateAsync("job", _grain, written);
        SqliteConnection.ClearAllPools();

        var read = Empty();
        await Open().ReadStateAsync("job", _grain, read);

        AssertSame(Sample("durable"), read.State);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task The_stored_payload_is_readable_json()
    {
        await Open().WriteStateAsync("job", _grain, new GrainState<JobState>(Sample("readable")));

        await using var connection = await new SqliteDatabase(DatabasePath).OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract(payload, '$.name') || '/' || json_extract(payload, '$.phase') FROM orleans_grain_state";
        Assert.Equal("readable/Running", await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
