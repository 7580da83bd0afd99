using Actors.Grains.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace Actors.Grains.Tests;

/// <summary>The Orleans reminder table on the embedded SQLite file.</summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eo-reminders-" + Guid.NewGuid().ToString("N"));

    private SqliteReminderTable Open() => new(new SqliteDatabase(Path.Combine(_directory, "silo.db")));

    private static ReminderEntry Entry(GrainId grain, string name, int minutes = 5) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2030, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9),
        Period = TimeSpan.FromMinutes(minutes),
    };

    private static GrainId Grain(string key) => GrainId.Create("job", key);

    [Fact]
    public async Task An_upserted_reminder_reads_back_by_row_and_by_grain()
    {
        var table = Open();
        var grain = Grain("a");
        var etag = await table.UpsertRow(Entry(grain, "tick"));
        await table.UpsertRow(Entry(grain, "tock"));
        await table.UpsertRow(Entry(Grain("b"), "tick"));

        var row = await table.ReadRow(grain, "tick");
        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("tick", row.ReminderName);
        Assert.Equal(Entry(grain, "tick").StartAt, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(etag, row.ETag);

        var rows = await table.ReadRows(grain);
        Assert.Equal(["tick", "tock"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.Null(await table.ReadRow(grain, "missing"));
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_with_a_new_etag()
    {
        var table = Open();
        var grain = Grain("a");
        var first = await table.UpsertRow(Entry(grain, "tick"));
        var second = await table.UpsertRow(Entry(grain, "tick", minutes: 10));

        Assert.NotEqual(first, second);
        var row = await table.ReadRow(grain, "tick");
        Assert.Equal(TimeSpan.FromMinutes(10), row!.Period);
        Assert.Equal(second, row.ETag);
    }

    [Fact]
    public async Task Removing_with_a_wrong_etag_returns_false_and_keeps_the_row()
    {
        var table = Open();
        var grain = Grain("a");
        var etag = await table.UpsertRow(Entry(grain, "tick"));

        Assert.False(await table.RemoveRow(grain, "tick", "wrong"));
        Assert.NotNull(await table.ReadRow(grain, "tick"));
        Assert.True(await table.RemoveRow(grain, "tick", etag!));
        Assert.Null(await table.ReadRow(grain, "tick"));
        Assert.False(await table.RemoveRow(grain, "tick", etag!));
    }

    [Fact]
    public async Task Range_reads_follow_the_ring_including_the_wrap_past_zero()
    {
        var table = Open();
        var hashes = new Dictionary<string, uint>();
        for (var i = 0; i < 40; i++)
        {
            var grain = Grain("g" + i);
            hashes[grain.ToString()] = grain.GetUniformHashCode();
            await table.UpsertRow(Entry(grain, "tick"));
        }

        var sorted = hashes.Values.Order().ToArray();
        uint low = sorted[10], high = sorted[30];

        async Task<string[]> Read(uint begin, uint end) =>
            (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order().ToArray();
        string[] Expected(Func<uint, bool> inRange) =>
            hashes.Where(h => inRange(h.Value)).Select(h => h.Key).Order().ToArray();

        // (low, high]: the lower bound is exclusive, the upper inclusive.
        Assert.Equal(Expected(h => h > low && h <= high), await Read(low, high));
        Assert.Equal(20, (await Read(low, high)).Length);

        // (high, low] wraps past uint.MaxValue back to zero.
        Assert.Equal(Expected(h => h > high || h <= low), await Read(high, low));
        Assert.Equal(20, (await Read(high, low)).Length);

        // begin == end is the whole ring.
        Assert.Equal(40, (await Read(low, low)).Length);
        Assert.Equal(40, (await Read(0, 0)).Length);
        Assert.Equal(Expected(h => h > 0), await Read(0, uint.MaxValue));
    }

    [Fact]
    public async Task Reminders_survive_reopening_the_database_file()
    {
        var grain = Grain("a");
        var etag = await Open().UpsertRow(Entry(grain, "tick"));
        SqliteConnection.ClearAllPools();

        var reopened = Open();
        var row = await reopened.ReadRow(grain, "tick");
        Assert.Equal(etag, row!.ETag);
        Assert.Single((await reopened.ReadRows(0, 0)).Reminders);
    }

    [Fact]
    public async Task Clearing_the_table_removes_every_reminder()
    {
        var table = Open();
        await table.UpsertRow(Entry(Grain("a"), "tick"));
        await table.UpsertRow(Entry(Grain("b"), "tick"));

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
