using System.Net;
using System.Text;

namespace Actors.EndToEnd.Tests.Client;

/// <summary>An HTTP handler that answers each request from a queue of canned responses and records the requests.</summary>
public sealed class StubSiloHandler : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string Body)> _answers = new();

    /// <summary>Paths requested, in order.</summary>
    public List<string> RequestedPaths { get; } = [];

    /// <summary>Queues an answer.</summary>
    public StubSiloHandler Answer(HttpStatusCode status, string json)
    {
        _answers.Enqueue((status, json));
        return this;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestedPaths.Add(request.RequestUri!.PathAndQuery);
        // The last answer repeats, so a poll loop can run against a fixed state.
        var (status, body) = _answers.Count > 1 ? _answers.Dequeue() : _answers.Peek();
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
