using Microsoft.IdentityModel.JsonWebTokens;
using Sec.Identity;

namespace Sec.Cli.Identity;

/// <summary>What a token says about its holder, read without checking its signature (the services check that).</summary>
public sealed record TokenHolder(string Name, string Organisation, IReadOnlyList<string> Roles, string? VotingGroup, DateTimeOffset Expires)
{
    public static TokenHolder Of(string token)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException ex)
        {
            throw new CliInputException($"that is not a JSON Web Token ({ex.Message})");
        }
        string? Claim(string type) => jwt.Claims.FirstOrDefault(c => c.Type == type)?.Value;
        return new TokenHolder(Claim(SecClaims.Name) ?? jwt.Subject ?? "", Claim(SecClaims.Organisation) ?? "",
            jwt.Claims.Where(c => c.Type == SecClaims.Role).Select(c => c.Value).ToList(), Claim(SecClaims.VotingGroup),
            new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc)));
    }
}

/// <summary>
/// Where <c>sec login</c> keeps the token every later command sends: <c>$SEC_HOME/token</c> (by
/// default <c>~/.sec/token</c>), readable only by its owner. <c>$SEC_TOKEN</c>, when set, wins, so a
/// script can act as someone else without touching the file.
/// </summary>
public sealed class TokenStore(Func<string, string?> environment)
{
    public string File => Path.Combine(
        environment("SEC_HOME") is { Length: > 0 } home ? home : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".sec"),
        "token");

    /// <summary>Whether the token in use comes from SEC_TOKEN rather than the file.</summary>
    public bool FromEnvironment => !string.IsNullOrWhiteSpace(environment("SEC_TOKEN"));

    /// <summary>The token to send, or null when nobody is logged in.</summary>
    public string? Current
    {
        get
        {
            if (FromEnvironment)
                return environment("SEC_TOKEN")!.Trim();
            try
            {
                return System.IO.File.ReadAllText(File).Trim() is { Length: > 0 } stored ? stored : null;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
        }
    }

    public void Save(string token)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        // Replaced rather than overwritten, so a file left readable by others does not keep its mode.
        System.IO.File.Delete(File);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(File, options);
        writer.Write(token);
    }

    /// <summary>Removes the stored token; false when there was none.</summary>
    public bool Remove()
    {
        if (!System.IO.File.Exists(File))
            return false;
        System.IO.File.Delete(File);
        return true;
    }
}
