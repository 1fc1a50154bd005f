using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Sec.BuildingBlocks.Hosting;

/// <summary>The one place a call's actor is read, so authentication can replace it later.</summary>
public interface ICurrentActor
{
    Actor Get();
}

/// <summary>
/// Reads the authenticated principal when there is one; until authentication is switched on, the
/// trusted internal callers name themselves in the <c>x-sec-actor</c> and
/// <c>x-sec-actor-organisation</c> headers (gRPC metadata).
/// </summary>
public sealed class HeaderOrClaimsActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public const string NameHeader = "x-sec-actor";
    public const string OrganisationHeader = "x-sec-actor-organisation";

    public Actor Get()
    {
        var http = accessor.HttpContext;
        if (http is null)
            return Actor.Anonymous;
        if (http.User.Identity?.IsAuthenticated == true)
            return new Actor(http.User.Identity.Name ?? "authenticated", http.User.FindFirstValue("organisation") ?? "");
        var name = http.Request.Headers[NameHeader].ToString().Trim();
        var organisation = http.Request.Headers[OrganisationHeader].ToString().Trim();
        return name.Length == 0 ? Actor.Anonymous : new Actor(Truncate(name), Truncate(organisation));
    }

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200];
}
