namespace Actors.OpenEo;

/// <summary>
/// A failure the openEO API reports as its error body: <see cref="Code"/> is one of the standard codes
/// (<c>ProcessGraphInvalid</c>, <c>ProcessUnsupported</c>, <c>ProcessParameterMissing</c>, ...) and
/// <see cref="Status"/> the HTTP status that code carries.
/// </summary>
public sealed class OpenEoException(string code, string message, int status = 400, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The openEO error code.</summary>
    public string Code { get; } = code;

    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;
}

/// <summary>One thing wrong with a process graph, as an openEO error code and a message naming the node.</summary>
/// <param name="Code">The openEO error code.</param>
/// <param name="Message">What is wrong and where.</param>
public sealed record GraphProblem(string Code, string Message);
