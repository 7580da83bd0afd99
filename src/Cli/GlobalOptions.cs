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

    /// <summary><c>--token TOKEN</c>: the bearer credential (OIDC access token or API key) for a silo that requires one; default <c>$EOCTL_TOKEN</c>.</summary>
    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token or API key for a silo that requires authentication (default: $EOCTL_TOKEN)",
        HelpName = "TOKEN",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EOCTL_TOKEN") is { Length: > 0 } token ? token : null,
    };

    /// <summary>A client for the silo named by <c>--server</c>, authenticated by <c>--token</c> when given.</summary>
    public SiloClient CreateClient(ParseResult parseResult) => new(ServerOf(parseResult), parseResult.GetValue(Token));

    /// <summary>The value of <c>--server</c>.</summary>
    public Uri ServerOf(ParseResult parseResult) => parseResult.GetValue(Server) ?? SiloClient.DefaultAddress;
}
