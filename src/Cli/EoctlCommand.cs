using System.CommandLine;
using Actors.Cli.Commands;

namespace Actors.Cli;

/// <summary>The eoctl command tree.</summary>
public static class EoctlCommand
{
    /// <summary>Builds the root command with every subcommand and the global options.</summary>
    public static RootCommand Create()
    {
        var global = new GlobalOptions();
        var root = new RootCommand("eoctl: drive the Earth-observation silo (publish scenes, follow products) or run processors locally")
        {
            global.Server,
            global.Token,
            SampleCommand.Create(),
            PublishCommand.Create(global),
            StatusCommand.Create(global),
            WaitCommand.Create(global),
            JobCommand.Create(global),
            SilosCommand.Create(global),
            SubscriptionsCommand.Create(global),
            SearchCommand.Create(global),
            ProcessCommand.Create(),
        };
        return root;
    }
}
