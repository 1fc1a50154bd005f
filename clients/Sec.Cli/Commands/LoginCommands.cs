using System.Globalization;
using System.Security.Cryptography;
using Sec.Cli.Identity;
using Sec.Identity;

namespace Sec.Cli.Commands;

/// <summary>
/// <c>sec login</c>, <c>logout</c> and <c>whoami</c>: who every later command acts as. On the
/// embedded default, login mints a token with the development key in the suite's data folder;
/// against a suite elsewhere, it stores a token its identity provider issued.
/// </summary>
internal static class LoginCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        var name = new Option<string>("--as") { Description = "Who you are, as history records every change you make." };
        var roles = new Option<string[]>("--role") { Description = "A role (repeat for more): " + string.Join(", ", SecRoles.All) + "." };
        var organisation = new Option<string>("--organisation") { Description = "The organisation you act for.", DefaultValueFactory = _ => "" };
        var group = new Option<string>("--voting-group") { Description = "A Change Board member's voting group: " + string.Join(", ", ChangeBoardCommands.Groups.Keys) + "." };
        var data = cli.DataFolder();
        var hours = new Option<int>("--hours") { Description = "How many hours the token lasts.", DefaultValueFactory = _ => 8 };
        var token = new Option<string>("--token") { Description = "Store a token issued elsewhere (the production identity provider's) instead of minting one." };
        var login = new Command("login", "Log in: later commands send this token. Mint one with --as and --role (a local suite), or store one with --token.")
            { name, roles, organisation, group, data, hours, token };
        login.SetAction((p, ct) => cli.Guard(async () =>
        {
            var jwt = p.GetValue(token) is { } given
                ? p.GetValue(name) is null ? given.Trim() : throw new CliInputException("give either --token or --as, not both")
                : await MintAsync(cli, p.GetValue(data)!, p.GetValue(name), p.GetValue(roles) ?? [], p.GetValue(organisation)!, p.GetValue(group), p.GetValue(hours));
            var holder = TokenHolder.Of(jwt);
            cli.Tokens.Save(jwt);
            await cli.Output.WriteLineAsync($"Logged in as {Describe(holder)}, until {Show(holder.Expires)}.");
            if (cli.Tokens.FromEnvironment)
                await cli.Error.WriteLineAsync("note: SEC_TOKEN is set, and commands send it rather than this login.");
        }));
        yield return login;

        var logout = new Command("logout", "Forget the stored token.");
        logout.SetAction((p, ct) => cli.Guard(async () =>
        {
            await cli.Output.WriteLineAsync(cli.Tokens.Remove() ? $"Logged out: {cli.Tokens.File} removed." : "Not logged in.");
            if (cli.Tokens.FromEnvironment)
                await cli.Error.WriteLineAsync("note: SEC_TOKEN is still set, and commands keep sending it.");
        }));
        yield return logout;

        var whoami = new Command("whoami", "Who the stored token (or SEC_TOKEN) says you are, and until when.");
        whoami.SetAction(async (p, ct) =>
        {
            if (cli.Tokens.Current is not { } current)
            {
                await cli.Error.WriteLineAsync($"Not logged in. {CliContext.LoginHint}");
                return 1;
            }
            return await cli.Guard(async () =>
            {
                var holder = TokenHolder.Of(current);
                var expired = holder.Expires <= DateTimeOffset.UtcNow;
                var source = cli.Tokens.FromEnvironment ? "SEC_TOKEN" : cli.Tokens.File;
                if (cli.WantsJson(p))
                {
                    await cli.Output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new { holder.Name, holder.Organisation, holder.Roles, holder.VotingGroup, holder.Expires, Expired = expired, Source = source },
                        new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true }));
                    return;
                }
                await cli.Output.WriteLineAsync(Describe(holder));
                await cli.Output.WriteLineAsync($"  expires: {Show(holder.Expires)}{(expired ? " (expired: log in again)" : "")}");
                await cli.Output.WriteLineAsync($"  token:   {source}");
            });
        });
        yield return whoami;
    }

    /// <summary>"Holly Burton (SECAS): secas, reader", with the voting group when there is one.</summary>
    private static string Describe(TokenHolder h) =>
        $"{h.Name}{(h.Organisation.Length > 0 ? $" ({h.Organisation})" : "")}: {(h.Roles.Count == 0 ? "no role" : string.Join(", ", h.Roles))}"
        + (h.VotingGroup is { } g ? $"; voting group {g}" : "");

    private static string Show(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A token signed with the development key, refusing names the suite would not know before anything is written.</summary>
    private static async Task<string> MintAsync(CliContext cli, string data, string? name, string[] roles, string organisation, string? group, int hours)
    {
        if (string.IsNullOrWhiteSpace(name) || roles.Length == 0)
            throw new CliInputException("give --as NAME and at least one --role ROLE (or --token JWT for a token issued elsewhere)");
        if (roles.Except(SecRoles.All).ToList() is [_, ..] unknown)
            throw new CliInputException($"{string.Join(", ", unknown.Select(r => $"'{r}'"))} is not a role; the roles are {string.Join(", ", SecRoles.All)}");
        var groups = ChangeBoardCommands.Groups.Keys;
        if (group is not null && !groups.Contains(group))
            throw new CliInputException($"'{group}' is not a voting group; the groups are {string.Join(", ", groups)}");
        if (group is null && roles.Contains(SecRoles.ChangeBoardMember))
            throw new CliInputException($"a {SecRoles.ChangeBoardMember} votes in a group: give --voting-group ({string.Join(", ", groups)})");
        if (hours <= 0)
            throw new CliInputException("--hours must be at least 1");
        var file = SigningKey.FileIn(data);
        var existed = File.Exists(file);
        Microsoft.IdentityModel.Tokens.RsaSecurityKey key;
        try
        {
            key = SigningKey.LoadOrCreate(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new CliInputException($"cannot read the development signing key {file}: {ex.Message}. Name the suite's data folder with --data or SEC_DATA, or log in with --token.");
        }
        if (!existed)
            await cli.Error.WriteLineAsync($"note: created a new development signing key, {file}; only a suite started on the data folder {data} accepts its tokens.");
        return Development.Issuer(key).Issue(new Principal(name.Trim(), organisation.Trim(), roles.Distinct().ToList(), group), TimeSpan.FromHours(hours));
    }
}
