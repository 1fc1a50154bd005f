using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace Sec.ServiceDefaults.Identity;

/// <summary>
/// The bearer tokens this process has fully validated, kept for a short while so that a caller's
/// every call does not parse the token and verify its signature again (about a third of a point
/// read's own time). Only a token that passed every check is kept, under its exact text; it is used
/// again only before its expiry and for at most <see cref="KeepFor"/>, after which it is validated
/// afresh, so a rotated signing key or a changed key set takes effect within that time. Each request
/// gets its own copy of the caller's identity.
/// </summary>
public sealed class ValidatedTokens(TimeProvider time)
{
    /// <summary>How long a validated token is trusted without checking it again.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(60);

    /// <summary>Enough for every caller of a busy service; beyond it the oldest half is dropped.</summary>
    public const int MaxTokens = 4_096;

    private readonly ConcurrentDictionary<string, Entry> _tokens = new(StringComparer.Ordinal);

    public int Count => _tokens.Count;

    /// <summary>The caller a token names, when it was validated here and may still be trusted.</summary>
    public bool TryGet(string token, out ClaimsPrincipal principal)
    {
        principal = null!;
        if (!_tokens.TryGetValue(token, out var entry))
            return false;
        if (time.GetUtcNow() >= entry.TrustedUntil)
        {
            _tokens.TryRemove(new KeyValuePair<string, Entry>(token, entry));
            return false;
        }
        principal = Copy(entry.Principal);
        return true;
    }

    /// <summary>Keeps a token that has just passed validation, until its expiry or <see cref="KeepFor"/>, whichever is sooner.</summary>
    public void Keep(string token, ClaimsPrincipal principal, DateTimeOffset expires)
    {
        var now = time.GetUtcNow();
        var until = expires < now + KeepFor ? expires : now + KeepFor;
        if (until <= now)
            return;
        if (_tokens.Count >= MaxTokens)
            DropOldest();
        _tokens[token] = new Entry(Copy(principal), until);
    }

    // ClaimsPrincipal.Clone shares its identities; each request gets identities of its own.
    private static ClaimsPrincipal Copy(ClaimsPrincipal principal) => new(principal.Identities.Select(i => i.Clone()));

    private void DropOldest()
    {
        foreach (var stale in _tokens.OrderBy(t => t.Value.TrustedUntil).Take(MaxTokens / 2).ToList())
            _tokens.TryRemove(stale);
    }

    /// <summary>The bearer events that use and fill the cache.</summary>
    internal JwtBearerEvents Events() => new()
    {
        OnMessageReceived = context =>
        {
            if (BearerOf(context.Request.Headers[HeaderNames.Authorization].ToString()) is { } token && TryGet(token, out var principal))
            {
                context.Principal = principal;
                context.Success();
            }
            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (context.SecurityToken is JsonWebToken jwt && context.Principal is { } principal)
                Keep(jwt.EncodedToken, principal, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
            return Task.CompletedTask;
        },
    };

    private static string? BearerOf(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset TrustedUntil);
}
