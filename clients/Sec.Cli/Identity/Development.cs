using Microsoft.IdentityModel.Tokens;
using Sec.Identity;

namespace Sec.Cli.Identity;

/// <summary>Tokens as the embedded default accepts them: signed with its development key, with the suite's issuer and audience.</summary>
internal static class Development
{
    public static TokenIssuer Issuer(SecurityKey key) => new(key, TokenIssuer.DefaultIssuer, TokenIssuer.DefaultAudience);
}
