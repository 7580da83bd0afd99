using Actors.Abstractions.Security;
using Microsoft.AspNetCore.Authorization;

namespace Actors.Silo.Security;

/// <summary>The authorization policies endpoints require, one per role; a stronger role satisfies a weaker one.</summary>
public static class SiloPolicies
{
    /// <summary>Reading shared data: scenes, products, the STAC catalog; one's own jobs and subscriptions.</summary>
    public const string Read = "read";

    /// <summary>Publishing acquisitions, managing feed subscriptions, STAC Transactions.</summary>
    public const string Publish = "publish";

    /// <summary>Operating the cluster: dashboard, membership, stream lag.</summary>
    public const string Administer = "administer";

    /// <summary>Adds the three policies.</summary>
    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.RequireRole(Roles.Satisfying(Roles.Reader)));
        options.AddPolicy(Publish, p => p.RequireRole(Roles.Satisfying(Roles.Publisher)));
        options.AddPolicy(Administer, p => p.RequireRole(Roles.Satisfying(Roles.Administrator)));
    }
}
