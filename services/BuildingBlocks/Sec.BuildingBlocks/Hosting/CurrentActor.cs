using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Sec.BuildingBlocks.Hosting;

/// <summary>The one place a call's caller is read: always from its validated token, never from a header.</summary>
public interface ICurrentActor
{
    /// <summary>Who is acting, as history records it.</summary>
    Actor Get();

    /// <summary>Who is acting with the roles and voting group their token grants.</summary>
    Caller Caller();
}

/// <summary>
/// Reads the authenticated principal's claims (name, organisation, role, voting group). Outside a
/// call (consumers, timers) nobody is acting: the steps those take name their own actor.
/// </summary>
public sealed class ClaimsActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public Actor Get() => Caller().Actor;

    public Caller Caller()
    {
        var user = accessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
            return Domain.Caller.Nobody;
        return new Caller(
            new Actor(Bounded(user.FindFirstValue("name") ?? user.Identity.Name ?? "unnamed"), Bounded(user.FindFirstValue("organisation") ?? "")),
            user.FindAll("role").Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            user.FindFirstValue("voting_group"));
    }

    private static string Bounded(string value) => value.Length <= 200 ? value.Trim() : value[..200].Trim();
}
