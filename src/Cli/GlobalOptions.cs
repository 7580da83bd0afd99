using System.CommandLine;
using Actors.Cli.Parsing;
using Actors.Client;

namespace Actors.Cli;

/// <summary>Options every eoctl command accepts.</summary>
public sealed class GlobalOptions
{
    /// <summary><c>--server URL</c>: the silo to talk to.</summary>
    public Option<Uri> Server { get; } = new("--server")
    {
        Description = "Base URL of the silo",
        HelpName = "URL",
        Recursive = true,
        DefaultValueFactory = _ => SiloClient.DefaultAddress,
        CustomParser = result => CliParsers.ServerUrl(result)!,
    };

    /// <summary>A client for the silo named by <c>--server</c>.</summary>
    public SiloClient CreateClient(ParseResult parseResult) => new(ServerOf(parseResult));

    /// <summary>The value of <c>--server</c>.</summary>
    public Uri ServerOf(ParseResult parseResult) => parseResult.GetValue(Server) ?? SiloClient.DefaultAddress;
}
