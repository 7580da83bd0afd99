using Actors.Abstractions.Security;

namespace Actors.Grains.Tests.Harness;

/// <summary>Callers the grain tests act as: the grains' owner rules apply to them as to any user.</summary>
public static class TestCallers
{
    /// <summary>The user the tests publish and subscribe as.</summary>
    public static readonly Caller Tester = new("tester", [Roles.Publisher]);

    /// <summary>Another user, who must not see the tester's jobs and subscriptions.</summary>
    public static readonly Caller Stranger = new("stranger", [Roles.Publisher]);

    /// <summary>An administrator, who sees everyone's.</summary>
    public static readonly Caller Administrator = new("operator", [Roles.Administrator]);
}
