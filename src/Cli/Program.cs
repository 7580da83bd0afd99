using System.CommandLine;
using System.CommandLine.Invocation;
using Actors.Cli;

var parseResult = EoctlCommand.Create().Parse(args);

// Parse errors are usage errors: report them like every other user error (one line each, exit 2)
// rather than System.CommandLine's default of help text and exit 1.
if (parseResult.Action is ParseErrorAction)
{
    foreach (var error in parseResult.Errors) Console.Error.WriteLine($"eoctl: {error.Message}");
    var command = parseResult.CommandResult.Command;
    var usage = command is RootCommand ? "eoctl --help" : $"eoctl {command.Name} --help";
    Console.Error.WriteLine($"Run '{usage}' for usage.");
    return ExitCodes.InvalidInput;
}

return await parseResult.InvokeAsync();
