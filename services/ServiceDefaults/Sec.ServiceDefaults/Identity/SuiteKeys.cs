using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Sec.Identity;

namespace Sec.ServiceDefaults.Identity;

/// <summary>The keys a host validates tokens with, and the one it signs with when it issues them.</summary>
public sealed class SuiteKeys
{
    private readonly IdentityOptions _options;
    private readonly ILogger<SuiteKeys> _logger;
    private IReadOnlyList<SecurityKey> _validation;
    private DateTimeOffset _fetchedAt;

    public SuiteKeys(IOptions<IdentityOptions> options, IConfiguration configuration, ILogger<SuiteKeys> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (_options.JwksFile is { } file)
            _validation = [.. new JsonWebKeySet(File.ReadAllText(file)).GetSigningKeys()];
        else if (_options.JwksUrl is not null)
            _validation = Fetch();
        else
        {
            var path = _options.SigningKeyFile ?? SigningKey.FileIn(configuration["Storage:DataDirectory"] ?? "data");
            Signing = SigningKey.LoadOrCreate(path);
            _validation = [Signing];
        }
    }

    /// <summary>The private key, when this host issues tokens.</summary>
    public RsaSecurityKey? Signing { get; }

    public IEnumerable<SecurityKey> Validation()
    {
        if (_options.JwksUrl is not null && DateTimeOffset.UtcNow - _fetchedAt > _options.JwksRefresh)
        {
            try
            {
                _validation = Fetch();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ArgumentException)
            {
                _logger.LogWarning(ex, "The identity provider's keys could not be refreshed from {Url}; the last ones stay in use", _options.JwksUrl);
                _fetchedAt = DateTimeOffset.UtcNow;
            }
        }
        return _validation;
    }

    private IReadOnlyList<SecurityKey> Fetch()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var keys = new JsonWebKeySet(http.GetStringAsync(_options.JwksUrl).GetAwaiter().GetResult()).GetSigningKeys();
        _fetchedAt = DateTimeOffset.UtcNow;
        return [.. keys];
    }
}
