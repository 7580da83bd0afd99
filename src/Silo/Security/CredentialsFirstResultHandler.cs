using Actors.Abstractions.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Actors.Silo.Security;

/// <summary>
/// A request without credentials that lacks a role gets 401 (send credentials), not 403: anonymous requests may hold
/// some roles (a public catalog), and "forbidden" would wrongly say that no credentials could help.
/// </summary>
public sealed class CredentialsFirstResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.ToCaller().Subject == Caller.AnonymousSubject)
            return _default.HandleAsync(next, context, policy, PolicyAuthorizationResult.Challenge());
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
