using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sec.Identity;

namespace Sec.ServiceDefaults.Identity;

/// <summary>
/// The client-credentials grant (RFC 6749 §4.4) for the suite's machine clients, such as the DCC's
/// integration: a form post of <c>grant_type=client_credentials</c>, <c>client_id</c> and
/// <c>client_secret</c> answers a short-lived bearer token with the client's configured roles.
/// </summary>
public static class ClientCredentials
{
    public static async Task<IResult> IssueAsync(HttpContext context, IOptions<IdentityOptions> options, SuiteKeys keys, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ClientCredentials));
        if (!context.Request.HasFormContentType)
            return Results.Json(new { error = "invalid_request", error_description = "post a form (application/x-www-form-urlencoded)" }, statusCode: StatusCodes.Status415UnsupportedMediaType);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
            return Results.Json(new { error = "unsupported_grant_type", error_description = "grant_type must be client_credentials" }, statusCode: StatusCodes.Status400BadRequest);
        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        var client = options.Value.Clients.FirstOrDefault(c => c.Id == id);
        if (client is null || !SecretMatches(secret, client.SecretSha256))
        {
            logger.LogWarning("Refused a client token for client {Client}: unknown client or wrong secret", id.Length > 64 ? id[..64] : id);
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var lifetime = options.Value.ClientTokenLifetime;
        var token = new TokenIssuer(keys.Signing!, options.Value.Issuer, options.Value.Audience)
            .Issue(new Principal(client.Name, client.Organisation, client.Roles, Client: client.Id), lifetime);
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = (int)lifetime.TotalSeconds });
    }

    public static string Sha256(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static bool SecretMatches(string secret, string sha256) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sha256(secret)), Encoding.ASCII.GetBytes(sha256.ToUpperInvariant()));
}
