using Sec.Identity;

namespace Sec.ServiceDefaults.Identity;

/// <summary>
/// How a host knows its callers (the <c>Identity</c> section). With no keys configured, the embedded
/// default signs and validates with a development key kept in the data folder; production names the
/// identity provider's public keys (<see cref="JwksFile"/> or <see cref="JwksUrl"/>).
/// </summary>
public sealed class IdentityOptions
{
    public string Issuer { get; set; } = TokenIssuer.DefaultIssuer;

    public string Audience { get; set; } = TokenIssuer.DefaultAudience;

    /// <summary>A private key (PKCS#8 PEM) this host signs client tokens with and validates with; by default the data folder's development key.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Public keys as a JSON Web Key Set file, for example a mounted secret.</summary>
    public string? JwksFile { get; set; }

    /// <summary>Public keys from the identity provider's JWKS endpoint, fetched at start and every <see cref="JwksRefresh"/>.</summary>
    public string? JwksUrl { get; set; }

    public TimeSpan JwksRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Client identities this host issues tokens to by client credentials (the DCC's integration).</summary>
    public List<ClientIdentity> Clients { get; set; } = [];

    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether this host holds a private key and so can issue tokens.</summary>
    public bool IssuesTokens => JwksFile is null && JwksUrl is null;
}

/// <summary>A client that authenticates with its id and secret; only the secret's SHA-256 is configured.</summary>
public sealed class ClientIdentity
{
    public string Id { get; set; } = "";

    /// <summary>The secret's SHA-256, as hex.</summary>
    public string SecretSha256 { get; set; } = "";

    public string Name { get; set; } = "";

    public string Organisation { get; set; } = "";

    public List<string> Roles { get; set; } = [];
}
