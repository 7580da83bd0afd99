using System.CommandLine;
using System.Globalization;
using Actors.Cli.Output;

namespace Actors.Cli.Commands;

/// <summary><c>eoctl silos</c>: the cluster's membership table, as any silo sees it.</summary>
public static class SilosCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print the membership table as JSON" };
        var all = new Option<bool>("--all") { Description = "Also list dead incarnations older than an hour (default: live silos and the last hour's departures)" };

        var command = new Command("silos", "Show the silos of Orleans' membership table: incarnation, status, address, start, last I-am-alive") { json, all };
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(global.ServerOf(parseResult), async () =>
        {
            using var client = global.CreateClient(parseResult);
            var silos = await client.GetSilosAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var shown = parseResult.GetValue(all)
                ? silos
                : silos.Where(s => s.Status == Abstractions.Api.SiloStates.Active || now - s.LastSeen < TimeSpan.FromHours(1)).ToList();
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(Console.Out, shown);
                return ExitCodes.Success;
            }
            var table = new TextTable("INSTANCE", "STATUS", "ADDRESS", "STARTED", "LAST SEEN");
            foreach (var s in shown.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.StartedAt))
                table.Add(s.InstanceId, s.Status, s.Address, s.StartedAt.ToString("u", CultureInfo.InvariantCulture), Ago(now - s.LastSeen));
            table.WriteTo(Console.Out);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static string Ago(TimeSpan age) => age.TotalSeconds < 90
        ? $"{Math.Max(0, age.TotalSeconds):0}s ago"
        : age.TotalMinutes < 90 ? $"{age.TotalMinutes:0}m ago" : $"{age.TotalHours:0}h ago";
}
