using System.Net;
using System.Net.Sockets;
using Actors.Grains.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Actors.Grains.Tests;

/// <summary>
/// A real in-process silo on the SQLite file, stopped and replaced by a new one: grain state and
/// reminders must come back from the file alone.
/// </summary>
public sealed class SqliteSiloRestartTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eo-silo-restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task State_and_reminders_outlive_a_restart_of_the_silo()
    {
        var key = Guid.NewGuid().ToString("N");
        var database = Path.Combine(_directory, "silo.db");

        using (var first = await StartSiloAsync(database))
        {
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IRestartProbeGrain>(key).StartAsync("persisted");
            await first.StopAsync();
        }

        // Armed only now, so a tick of the first silo cannot satisfy it.
        var fired = RestartProbeGrain.ArmReminderSignal(key);
        using var second = await StartSiloAsync(database);

        // Nothing calls the grain: only the reminder service, reading the file, can activate it.
        var textSeenByReminder = await fired.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("persisted", textSeenByReminder);
        Assert.Equal("persisted", await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IRestartProbeGrain>(key).GetTextAsync());
        await second.StopAsync();
    }

    private static async Task<IHost> StartSiloAsync(string database)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: "sqlite-restart", clusterId: "sqlite-restart")
                .AddSqliteGrainStorage("Default")
                .UseSqliteReminderService()
                .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1))
                .ConfigureServices(services => services.AddSingleton(new SqliteDatabase(database))))
            .Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A grain with persisted text and a fast reminder.</summary>
public interface IRestartProbeGrain : IGrainWithStringKey
{
    /// <summary>Persists <paramref name="text"/> and registers the reminder.</summary>
    Task StartAsync(string text);

    /// <summary>The persisted text.</summary>
    Task<string> GetTextAsync();
}

/// <summary>The persisted state of <see cref="RestartProbeGrain"/>.</summary>
public sealed class RestartProbeState
{
    /// <summary>The text written before the restart.</summary>
    public string Text { get; set; } = "";
}

/// <summary>Reports each reminder tick, with the state the activation read, to the test.</summary>
public sealed class RestartProbeGrain([PersistentState("s", "Default")] IPersistentState<RestartProbeState> state)
    : Grain, IRestartProbeGrain, IRemindable
{
    private static readonly Dictionary<string, TaskCompletionSource<string>> Signals = [];

    /// <summary>A task completed with the grain's text at the next reminder tick of grain <paramref name="key"/>.</summary>
    public static Task<string> ArmReminderSignal(string key)
    {
        var signal = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Signals)
        {
            Signals[key] = signal;
        }

        return signal.Task;
    }

    /// <inheritdoc />
    public async Task StartAsync(string text)
    {
        state.State.Text = text;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder("tick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <inheritdoc />
    public Task<string> GetTextAsync() => Task.FromResult(state.State.Text);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        lock (Signals)
        {
            if (Signals.TryGetValue(this.GetPrimaryKeyString(), out var signal))
            {
                signal.TrySetResult(state.State.Text);
            }
        }

        return Task.CompletedTask;
    }
}
