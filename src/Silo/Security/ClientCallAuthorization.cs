using System.Reflection;
using Actors.Abstractions.Security;
using Orleans.Runtime;

namespace Actors.Silo.Security;

/// <summary>
/// The Orleans client path under the HTTP API's rules. A call from an Orleans client that connected through a
/// gateway must carry a bearer credential in its <c>RequestContext</c> (<see cref="CallerCredentials.RequestContextKey"/>);
/// the method must be marked <see cref="RequiresRoleAttribute"/> with a role the caller holds (unmarked methods of the
/// system's grains are theirs alone), and every <see cref="Caller"/> argument is replaced by the authenticated one,
/// so a client cannot speak for another user. Calls between grains, and from this silo's own HTTP endpoints and
/// services (which authorized their requests already), pass.
/// </summary>
public sealed class ClientCallAuthorization(BearerCredentials credentials, AuditLog audit, ILogger<ClientCallAuthorization> logger) : IIncomingGrainCallFilter
{
    private static readonly Assembly Contracts = typeof(Caller).Assembly;

    /// <inheritdoc />
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        if (!FromRemoteClient(context.SourceId) || RequiredRole(method) is not { } role)
        {
            await context.Invoke();
            return;
        }
        var caller = await credentials.AuthenticateAsync(RequestContext.Get(CallerCredentials.RequestContextKey) as string, CancellationToken.None);
        if (role.Length == 0)
            throw new UnauthorizedAccessException($"{method.DeclaringType?.Name}.{method.Name} is not callable by clients.");
        if (!caller.Has(role))
        {
            logger.LogWarning("Audit refused Orleans call {Interface}.{Method} for {Subject}: needs role {Role}", method.DeclaringType?.Name, method.Name, caller.Subject, role);
            throw new UnauthorizedAccessException($"{method.DeclaringType?.Name}.{method.Name} needs the '{role}' role.");
        }
        for (var i = 0; i < context.Request.GetArgumentCount(); i++)
            if (context.Request.GetArgument(i) is Caller) context.Request.SetArgument(i, caller);
        if (role != Roles.Reader) audit.ChangedByClient(caller, $"{method.DeclaringType?.Name}.{method.Name}", context.TargetId.ToString());
        await context.Invoke();
    }

    // Clients have grain type "sys.client"; Orleans keys the silo's own (hosted) client "hosted-<silo address>",
    // every other client came in through a gateway.
    private static bool FromRemoteClient(GrainId? source) =>
        source is { } id && id.Type.ToString().StartsWith("sys.client", StringComparison.Ordinal) && !id.Key.ToString().StartsWith("hosted-", StringComparison.Ordinal);

    // The role a client needs: "" for a method of ours no client may call; null for Orleans' own plumbing every client
    // needs (cluster manifest, type map), which exposes no data.
    private static string? RequiredRole(MethodInfo method)
    {
        if (method.DeclaringType is not { } type) return "";
        if (type.Assembly == Contracts) return method.GetCustomAttribute<RequiresRoleAttribute>()?.Role ?? "";
        // Cluster management and the dashboard's grains read and change the whole cluster.
        if (type == typeof(IManagementGrain) || type.Namespace?.StartsWith("Orleans.Dashboard", StringComparison.Ordinal) == true)
            return Roles.Administrator;
        // Subscribing to a stream (a scene's results) is reading shared data.
        if (type.Namespace?.StartsWith("Orleans.Streams", StringComparison.Ordinal) == true) return Roles.Reader;
        return null;
    }
}
