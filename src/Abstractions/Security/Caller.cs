namespace Actors.Abstractions.Security;

/// <summary>
/// Who a call is made for: the authenticated subject (a token's <c>sub</c>, an API key's name, or
/// <see cref="AnonymousSubject"/>) and the roles it holds (<see cref="Roles"/>). Jobs and feed subscriptions
/// belong to the subject that made them.
/// </summary>
/// <param name="Subject">The principal's stable identifier.</param>
/// <param name="Roles">The roles it holds, by their names in <see cref="Security.Roles"/>.</param>
[GenerateSerializer, Immutable]
public sealed record Caller(string Subject, IReadOnlyList<string> Roles)
{
    /// <summary>The subject of requests that carry no credentials.</summary>
    public const string AnonymousSubject = "anonymous";

    /// <summary>The subject acquisitions from the ingress stream act for when the entry names no owner.</summary>
    public const string IngressSubject = "ingress";

    /// <summary>True when the caller holds <paramref name="role"/> (administrators hold every role).</summary>
    public bool Has(string role) => Roles.Contains(Security.Roles.Administrator) || Roles.Contains(role);

    /// <summary>True for administrators, who see every user's jobs and subscriptions.</summary>
    public bool IsAdministrator => Roles.Contains(Security.Roles.Administrator);

    /// <summary>True when the caller may see or change what <paramref name="owner"/> owns.</summary>
    public bool MayAccess(string owner) => IsAdministrator || string.Equals(owner, Subject, StringComparison.Ordinal);
}

/// <summary>The roles the silo knows; token claims are mapped onto them (<c>Auth:Roles</c>).</summary>
public static class Roles
{
    /// <summary>Reads scenes, products, the STAC catalog, and one's own jobs and subscriptions.</summary>
    public const string Reader = "reader";

    /// <summary>Publishes acquisitions, creates feed subscriptions, writes through STAC Transactions; reads too.</summary>
    public const string Publisher = "publisher";

    /// <summary>Everything, including every user's jobs and subscriptions, the dashboard and cluster endpoints.</summary>
    public const string Administrator = "admin";

    /// <summary>Every role, in order of power.</summary>
    public static readonly IReadOnlyList<string> All = [Reader, Publisher, Administrator];

    /// <summary>The role itself and the roles that imply it: a publisher may read, an administrator may do anything.</summary>
    public static IReadOnlyList<string> Satisfying(string role) => role switch
    {
        Reader => All,
        Publisher => [Publisher, Administrator],
        Administrator => [Administrator],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };
}
