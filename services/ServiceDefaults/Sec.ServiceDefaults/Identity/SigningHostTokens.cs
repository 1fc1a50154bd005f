using Microsoft.Extensions.Options;
using Sec.Identity;

namespace Sec.ServiceDefaults.Identity;

/// <summary>The host's own tokens, signed with the key it issues callers' tokens with, when it has one.</summary>
public sealed class SigningHostTokens(SuiteKeys keys, IOptions<IdentityOptions> options) : IHostTokens
{
    public string? Issue(Principal who, TimeSpan lifetime) =>
        keys.Signing is { } key ? new TokenIssuer(key, options.Value.Issuer, options.Value.Audience).Issue(who, lifetime) : null;
}
