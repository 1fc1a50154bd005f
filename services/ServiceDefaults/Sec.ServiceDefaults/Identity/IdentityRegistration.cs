using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Sec.BuildingBlocks.Domain;
using Sec.Identity;

namespace Sec.ServiceDefaults.Identity;

/// <summary>
/// Every call carries a bearer token: its issuer, audience, lifetime and signature are checked, and
/// each RPC's <c>[Authorize(Roles = ...)]</c> names who may make it. A refusal says what is missing.
/// </summary>
public static class IdentityRegistration
{
    /// <summary>The policy for operator-only endpoints: reflection, metrics, health details.</summary>
    public const string OperatorPolicy = "operator";

    public static IHostApplicationBuilder AddSuiteIdentity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().Bind(builder.Configuration.GetSection("Identity"));
        builder.Services.AddSingleton<SuiteKeys>();
        builder.Services.AddSingleton<IHostTokens, SigningHostTokens>();
        // The token's own checks read the system clock, so the cache does too, whatever clock the context runs on.
        builder.Services.AddSingleton(new ValidatedTokens(TimeProvider.System));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentityOptions>, SuiteKeys, ValidatedTokens>((jwt, identity, keys, validated) =>
            {
                jwt.MapInboundClaims = false;
                jwt.Events = validated.Events();
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = identity.Value.Issuer,
                    ValidAudience = identity.Value.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    IssuerSigningKeyResolver = (_, _, _, _) => keys.Validation(),
                    NameClaimType = SecClaims.Name,
                    RoleClaimType = SecClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.RequireRole(SecRoles.Operator));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusingAuthorizationHandler>();
        return builder;
    }

    /// <summary>Issues client-credentials tokens (<c>POST /v1/identity/token</c>) when this host holds a key and knows clients.</summary>
    public static WebApplication MapClientTokens(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value;
        if (!options.IssuesTokens || options.Clients.Count == 0)
            return app;
        app.MapPost("/v1/identity/token", ClientCredentials.IssueAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }
}

/// <summary>
/// Answers a refused call the way its caller reads: gRPC callers get Unauthenticated or
/// PermissionDenied with a message naming the roles the call needs; JSON callers get 401 or 403 with
/// the same message. Each refusal is logged with who and what, never the token.
/// </summary>
public sealed class RefusingAuthorizationHandler(ILogger<RefusingAuthorizationHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        var needed = policy.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement>()
            .SelectMany(r => r.AllowedRoles).Distinct().ToList();
        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var what = context.Request.Path.Value ?? "";
        string message;
        if (!authenticated)
        {
            message = "This call needs a bearer token from the suite's identity provider (for a local suite: sec login).";
            logger.LogWarning("Refused {Call}: no valid token", what);
        }
        else
        {
            var has = user.FindAll(SecClaims.Role).Select(c => c.Value).ToList();
            var roles = has.Count == 0 ? "no role" : string.Join(", ", has.Take(10).Select(r => Shown(r))) + (has.Count > 10 ? $" and {has.Count - 10} more" : "");
            message = $"This call needs the role {string.Join(" or ", needed)}; {Shown(user.Identity!.Name)} has {roles}.";
            logger.LogWarning("Refused {Call} for {Caller} ({Organisation}) with roles {Roles}: it needs {Needed}",
                what, user.Identity!.Name, user.FindFirstValue(SecClaims.Organisation), has, needed);
        }
        await Refusals.WriteAsync(context, authenticated ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized, message);
    }

    /// <summary>The token's own words as a refusal shows them: as they are when short and printable, else quoted short, so a refusal stays bounded whatever a token carries.</summary>
    private static string Shown(string? text) =>
        text is { Length: > 0 and <= 80 } && !text.Any(FieldChecks.Unprintable) ? text : FieldChecks.Excerpt(text, 80);
}

/// <summary>Writes a refusal before the call reaches its service: a gRPC trailers-only answer, or JSON.</summary>
public static class Refusals
{
    /// <summary>413, or RESOURCE_EXHAUSTED for gRPC: the body is over the suite's limit (Kestrel's, on every host).</summary>
    public static Task TooLargeAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
            $"The request is larger than the suite accepts ({ServiceDefaultsExtensions.MaxRequestBytes / (1024 * 1024)} MB).");

    /// <summary>A trailers-only gRPC answer: the status in the headers, and no message.</summary>
    public static void WriteGrpc(HttpContext context, int grpcCode, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = grpcCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }

    public static Task WriteAsync(HttpContext context, int httpStatus, string message)
    {
        var grpcCode = httpStatus switch
        {
            StatusCodes.Status401Unauthorized => 16, // Unauthenticated
            StatusCodes.Status403Forbidden => 7, // PermissionDenied
            StatusCodes.Status429TooManyRequests => 8, // ResourceExhausted
            StatusCodes.Status413PayloadTooLarge => 8,
            StatusCodes.Status503ServiceUnavailable => 14, // Unavailable: the caller may retry
            _ => 3, // InvalidArgument
        };
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            WriteGrpc(context, grpcCode, message);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = httpStatus;
        if (httpStatus == StatusCodes.Status401Unauthorized)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.Response.WriteAsJsonAsync(new { code = grpcCode, message });
    }
}
