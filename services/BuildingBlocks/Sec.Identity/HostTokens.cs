namespace Sec.Identity;

/// <summary>
/// Tokens a host issues to act on its own behalf, such as its warm-up reading the other contexts'
/// report sections. Only a host that holds the suite's signing key can issue them; one that only
/// validates tokens (a key set from an identity provider) cannot, and gets null.
/// </summary>
public interface IHostTokens
{
    /// <summary>A bearer token for <paramref name="who"/> lasting <paramref name="lifetime"/>, or null when this host cannot sign.</summary>
    string? Issue(Principal who, TimeSpan lifetime);
}
