using System.Diagnostics;
using System.Text.RegularExpressions;
using Sec.Identity;
using static Sec.DeploymentTests.ComposeConfig;

namespace Sec.DeploymentTests;

/// <summary>Who holds which key in production: the gateway signs, the services only validate.</summary>
public sealed class IdentityDeploymentTests
{
    private static readonly string[] Services = ["proposals", "assessments", "changeboard", "releases"];

    [Fact]
    public void Every_service_validates_with_the_public_keys_and_holds_no_signing_key()
    {
        foreach (var name in Services)
        {
            var environment = EnvironmentOf(name);
            Assert.Equal("/run/secrets/sec-jwks.json", environment["Identity__JwksFile"]);
            Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Identity__SigningKey", StringComparison.Ordinal) || k.StartsWith("Identity__Clients", StringComparison.Ordinal));
            Assert.Contains("    secrets:\n    - source: sec-jwks\n      target: sec-jwks.json", Block(name));
            Assert.DoesNotContain("sec-signing-key", Block(name));
        }
    }

    [Fact]
    public void The_gateway_holds_the_signing_key_and_issues_the_DCC_its_tokens()
    {
        var environment = EnvironmentOf("gateway");
        Assert.Equal("/run/secrets/sec-signing-key.pem", environment["Identity__SigningKeyFile"]);
        Assert.False(environment.ContainsKey("Identity__JwksFile"), "a gateway with only public keys could not issue client tokens");
        Assert.Contains("    secrets:\n    - source: sec-signing-key\n      target: sec-signing-key.pem", Block("gateway"));
        Assert.Equal("dcc", environment["Identity__Clients__0__Id"]);
        Assert.Equal(SecRoles.Dcc, environment["Identity__Clients__0__Roles__0"]);
        Assert.Matches("^[0-9a-f]{64}$", environment["Identity__Clients__0__SecretSha256"]);
        Assert.False(environment.ContainsKey("Identity__Clients__0__Secret"), "only the secret's hash is configured");
        Assert.True(int.Parse(environment["Gateway__RateLimit__PermitsPerSecond"].Trim('\'')) > 0);
    }

    [Fact]
    public void The_key_files_stay_out_of_git_and_out_of_images()
    {
        Assert.Matches(@"  sec-signing-key:\n    file: \S+/deploy/secrets/signing-key.pem", Resolved);
        Assert.Matches(@"  sec-jwks:\n    file: \S+/deploy/secrets/jwks.json", Resolved);
        Assert.Equal(["# Keys and secrets made by deploy/identity-keys.sh; never committed.", "*", "!.gitignore"],
            File.ReadAllLines(Repo.File("deploy", "secrets", ".gitignore")));
        Assert.Contains("deploy/secrets/", File.ReadAllLines(Repo.File(".dockerignore")));
    }

    [Fact]
    public async Task The_key_script_writes_the_JWKS_the_suite_derives_from_its_key()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sec-keys-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(Repo.File("deploy", "identity-keys.sh"));
            info.ArgumentList.Add(folder);
            using var script = Process.Start(info)!;
            var error = script.StandardError.ReadToEndAsync();
            await script.WaitForExitAsync();
            Assert.True(script.ExitCode == 0, await error);

            var key = SigningKey.Load(Path.Combine(folder, "signing-key.pem"));

            Assert.Equal(SigningKey.PublicJwks(key), File.ReadAllText(Path.Combine(folder, "jwks.json")));
            Assert.DoesNotMatch(new Regex("\"(d|p|q|dp|dq|qi)\":"), File.ReadAllText(Path.Combine(folder, "jwks.json")));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
