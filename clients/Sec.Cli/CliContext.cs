using System.Globalization;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Sec.Assessments.V1;
using Sec.ChangeBoard.V1;
using Sec.Cli.Identity;
using Sec.Proposals.V1;
using Sec.Releases.V1;

namespace Sec.Cli;

/// <summary>
/// What every command shares: the global options, the gateway's clients (each call carrying the
/// stored token), the refusal printer and the output. A refusal prints its status and every field
/// violation; InvalidArgument exits 2, others 1. <paramref name="environment"/> reads SEC_* settings.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error, Func<string, GrpcChannel> connect, Func<string, string?> environment)
{
    private static readonly JsonFormatter JsonFormat = new(JsonFormatter.Settings.Default.WithIndentation());

    public Option<string> Gateway { get; } = new("--gateway") { Description = "The gateway's gRPC address.", DefaultValueFactory = _ => environment("SEC_GATEWAY") ?? "http://localhost:5000", Recursive = true };
    public Option<bool> Json { get; } = new("--json") { Description = "Print the answer as JSON, for scripts.", Recursive = true };

    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    /// <summary>The token `sec login` stored, or SEC_TOKEN.</summary>
    public TokenStore Tokens { get; } = new(environment);

    /// <summary>A <c>--data</c> option: the suite's data folder, whose development key signs tokens.</summary>
    public Option<string> DataFolder() => new("--data")
    {
        Description = "The suite's data folder, holding its development signing key (identity/signing-key.pem).",
        DefaultValueFactory = _ => environment("SEC_DATA") ?? "data",
    };

    public GrpcChannel Channel(ParseResult p) => connect(p.GetValue(Gateway)!);

    /// <summary>Calls on <paramref name="channel"/> that carry <paramref name="token"/> (by default the stored one) as a bearer token.</summary>
    public CallInvoker Calls(ChannelBase channel, string? token = null) => (token ?? Tokens.Current) is { } bearer
        ? channel.Intercept(headers =>
        {
            headers.Add("authorization", "Bearer " + bearer);
            return headers;
        })
        : channel.CreateCallInvoker();

    public ProposalsService.ProposalsServiceClient Proposals(ParseResult p) => new(Calls(Channel(p)));
    public AssessmentsService.AssessmentsServiceClient Assessments(ParseResult p) => new(Calls(Channel(p)));
    public ChangeBoardService.ChangeBoardServiceClient ChangeBoard(ParseResult p) => new(Calls(Channel(p)));
    public ReleasesService.ReleasesServiceClient Releases(ParseResult p) => new(Calls(Channel(p)));

    public bool WantsJson(ParseResult p) => p.GetValue(Json);

    public const string LoginHint = "Log in with: sec login --as NAME --role ROLE";

    /// <summary>Runs one command's work, turning a refusal into its message and exit code.</summary>
    public async Task<int> Guard(Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (RpcException ex)
        {
            await Error.WriteLineAsync($"error: {ex.StatusCode}: {ex.Status.Detail}");
            foreach (var v in ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [])
                await Error.WriteLineAsync($"  {v.Field}: {v.Description}");
            if (ex.StatusCode == StatusCode.Unavailable)
                await Error.WriteLineAsync("  Is the suite running? Start it with ./run.sh, or give its address with --gateway or SEC_GATEWAY.");
            if (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                await Error.WriteLineAsync($"  {LoginHint} (sec whoami shows who you are logged in as).");
            return ex.StatusCode == StatusCode.InvalidArgument ? 2 : 1;
        }
        catch (CliInputException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }

    /// <summary>Prints the answer as JSON when asked, or the human line otherwise.</summary>
    public Task PrintAsync(ParseResult p, IMessage answer, string line) =>
        Output.WriteLineAsync(WantsJson(p) ? JsonFormat.Format(answer) : line);

    public Task PrintAsync(ParseResult p, Proposal proposal) => PrintAsync(p, proposal, $"{proposal.Reference.Value}: {proposal.Status}");

    public static string FormatJson(IMessage message) => JsonFormat.Format(message);

    public static string Show(Google.Type.Date? d) => d is null || d.Year == 0 ? "" : new DateOnly(d.Year, d.Month, d.Day).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static Google.Type.Date? Date(DateOnly? d) => d is { } v ? new Google.Type.Date { Year = v.Year, Month = v.Month, Day = v.Day } : null;

    public static Common.V1.ModificationReference Reference(string value) => new() { Value = value };

    /// <summary>The modification's reference, the argument most commands take first.</summary>
    public static Argument<string> ReferenceArgument(string description = "The modification's reference.") => new("reference") { Description = description };

    /// <summary>A required option that takes one of a few words; any other is refused before a call.</summary>
    public static Option<string> OneOf(string name, string description, params string[] words)
    {
        var option = new Option<string>(name) { Description = description, Required = true };
        option.AcceptOnlyFromAmong(words);
        return option;
    }

    /// <summary>A figure or range in pence, as pounds: "£573,000 to £769,000".</summary>
    public static string Pounds(long lowPence, long highPence)
    {
        static string Gbp(long pence) => "£" + (pence / 100m).ToString("#,0.##", CultureInfo.InvariantCulture);
        return lowPence == highPence ? Gbp(lowPence) : $"{Gbp(lowPence)} to {Gbp(highPence)}";
    }

    /// <summary>Reads a message from a JSON file in the protobuf JSON form (the gateway's JSON); an unreadable file is the CLI's own refusal.</summary>
    public static T ReadJson<T>(string path) where T : IMessage<T>, new()
    {
        try
        {
            return JsonParser.Default.Parse<T>(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new CliInputException($"{path}: {ex.Message}");
        }
    }
}

/// <summary>Input the CLI itself refuses before calling anything (an unreadable file, say).</summary>
public sealed class CliInputException(string message) : Exception(message);
