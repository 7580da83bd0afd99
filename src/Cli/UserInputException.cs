namespace Actors.Cli;

/// <summary>The user gave eoctl something it cannot use; the message says what and is shown as is.</summary>
public sealed class UserInputException(string message) : Exception(message);
