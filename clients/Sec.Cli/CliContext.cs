using System.Globalization;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Sec.Assessments.V1;
using Sec.ChangeBoard.V1;
using Sec.Proposals.V1;
using Sec.Releases.V1;

namespace Sec.Cli;

/// <summary>
/// What every command shares: the global options, the gateway's clients, the refusal printer and the
/// output. A refusal prints its status and every field violation; InvalidArgument exits 2, others 1.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error, Func<string, GrpcChannel> connect)
{
    private static readonly JsonFormatter JsonFormat = new(JsonFormatter.Settings.Default.WithIndentation());

    public Option<string> Gateway { get; } = new("--gateway") { Description = "The gateway's gRPC address.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SEC_GATEWAY") ?? "http://localhost:5000", Recursive = true };
    public Option<bool> Json { get; } = new("--json") { Description = "Print the answer as JSON, for scripts.", Recursive = true };
    public Option<string> Actor { get; } = new("--actor") { Description = "Who is acting (recorded with every change).", DefaultValueFactory = _ => Environment.UserName, Recursive = true };

    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    public GrpcChannel Channel(ParseResult p) => connect(p.GetValue(Gateway)!);
    public ProposalsService.ProposalsServiceClient Proposals(ParseResult p) => new(Channel(p));
    public AssessmentsService.AssessmentsServiceClient Assessments(ParseResult p) => new(Channel(p));
    public ChangeBoardService.ChangeBoardServiceClient ChangeBoard(ParseResult p) => new(Channel(p));
    public ReleasesService.ReleasesServiceClient Releases(ParseResult p) => new(Channel(p));

    /// <summary>The actor header every change carries.</summary>
    public Metadata Who(ParseResult p) => new() { { "x-sec-actor", p.GetValue(Actor) ?? "" } };

    public bool WantsJson(ParseResult p) => p.GetValue(Json);

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
