namespace Sec.BuildingBlocks.Domain;

/// <summary>An authenticated caller: who they are, the roles their token grants, and a Change Board member's voting group.</summary>
public sealed record Caller(Actor Actor, IReadOnlySet<string> Roles, string? VotingGroup)
{
    public static readonly Caller Nobody = new(Actor.Anonymous, new HashSet<string>(), null);

    public bool IsIn(string role) => Roles.Contains(role);
}

/// <summary>The caller is known but may not do this (gRPC PermissionDenied); the message names what it would take.</summary>
public sealed class NotPermitted(string message) : DomainRefusal(message);
