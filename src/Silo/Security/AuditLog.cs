using Actors.Abstractions.Security;

namespace Actors.Silo.Security;

/// <summary>
/// Who published or changed what: one structured line per change (category <c>Actors.Audit</c>), with the
/// subject, the action, its target and the client address, so it can be shipped and searched on its own.
/// </summary>
public sealed class AuditLog(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("Actors.Audit");

    /// <summary>Records that the request's caller did <paramref name="action"/> to <paramref name="target"/>.</summary>
    public void Changed(HttpContext context, string action, string target) =>
        _log.LogInformation("Audit {Action} {Target} by {Subject} from {Client}",
            action, target, context.User.ToCaller().Subject, context.Connection.RemoteIpAddress?.ToString());

    /// <summary>Records a refused request: no or bad credentials (401) or a missing role (403).</summary>
    public void Refused(HttpContext context, int status) =>
        _log.LogWarning("Audit refused {Status} {Method} {Path} for {Subject} from {Client}",
            status, context.Request.Method, context.Request.Path.Value, context.User.ToCaller().Subject, context.Connection.RemoteIpAddress?.ToString());

    /// <summary>Records a change made through an Orleans client.</summary>
    public void ChangedByClient(Caller caller, string action, string target) =>
        _log.LogInformation("Audit {Action} {Target} by {Subject} from {Client}", action, target, caller.Subject, "orleans-client");
}
