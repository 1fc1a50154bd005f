using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sec.Identity;

/// <summary>Who a token says is acting.</summary>
public sealed record Principal(string Name, string Organisation, IReadOnlyList<string> Roles, string? VotingGroup = null, string? Client = null);

/// <summary>Issues the suite's tokens: RS256 JWTs with the suite's issuer and audience.</summary>
public sealed class TokenIssuer(SecurityKey key, string issuer, string audience)
{
    public const string DefaultIssuer = "sec-suite";
    public const string DefaultAudience = "sec";

    public string Issue(Principal who, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        var unknown = who.Roles.Except(SecRoles.All).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{string.Join(", ", unknown)} is not a role; the roles are {string.Join(", ", SecRoles.All)}.", nameof(who));
        var issuedAt = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = who.Client ?? who.Name,
            [SecClaims.Name] = who.Name,
            [SecClaims.Organisation] = who.Organisation,
            [SecClaims.Role] = who.Roles.ToArray(),
        };
        if (who.VotingGroup is { } group)
            claims[SecClaims.VotingGroup] = group;
        if (who.Client is { } client)
            claims[SecClaims.Client] = client;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
