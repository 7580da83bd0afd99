using Actors.Abstractions;

namespace Actors.Processing.Hrefs;

/// <summary>
/// The href policy refused an href: the message names the rule (outside the allowed local roots, a loopback
/// address, a bucket not listed, …) and quotes the href only truncated (<see cref="EchoedText"/>). It never says
/// whether a refused local file exists, so the policy cannot be used to probe the silo's file system.
/// </summary>
public sealed class HrefRefusedException(string message) : Exception(message)
{
    /// <summary>
    /// The refusal inside <paramref name="exception"/>, if any: <see cref="SocketsHttpHandler"/> wraps what its
    /// connect callback throws in an <see cref="HttpRequestException"/>.
    /// </summary>
    public static HrefRefusedException? FindIn(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HrefRefusedException refused) return refused;
        }
        return null;
    }
}
