using Actors.Abstractions.Api;

namespace Actors.Client;

/// <summary>A scene did not finish within the time given to <see cref="ISiloClient.WaitForSceneAsync"/>.</summary>
public sealed class SceneWaitTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with the last status seen.</summary>
    public SceneWaitTimeoutException(string sceneId, TimeSpan timeout, SceneStatus? lastStatus)
        : base($"Scene '{sceneId}' did not finish within {timeout.TotalSeconds:0.#} s (last state: {lastStatus?.State ?? "unknown"}).")
    {
        SceneId = sceneId;
        LastStatus = lastStatus;
    }

    /// <summary>The scene waited for.</summary>
    public string SceneId { get; }

    /// <summary>The last status read before the deadline, if any.</summary>
    public SceneStatus? LastStatus { get; }
}
