using System.CommandLine;
using Sec.ChangeBoard.V1;

namespace Sec.Cli.Commands;

/// <summary>The Change Board: <c>sec vote ITEM --member ID --value approve|reject|abstain</c>.</summary>
internal static class ChangeBoardCommands
{
    public static IEnumerable<Command> Build(CliContext cli)
    {
        var item = new Argument<string>("item") { Description = "The agenda item's id." };
        var member = new Option<string>("--member") { Description = "The voting member's id.", Required = true };
        var value = new Option<string>("--value") { Description = "approve, reject or abstain.", Required = true };
        value.AcceptOnlyFromAmong("approve", "reject", "abstain");
        var vote = new Command("vote", "Cast (or change) a Change Board member's vote.") { item, member, value };
        vote.SetAction((p, ct) => cli.Guard(async () =>
        {
            var cast = (await cli.ChangeBoard(p).CastVoteAsync(new CastVoteRequest
            {
                ItemId = p.GetValue(item)!,
                MemberId = p.GetValue(member)!,
                Value = p.GetValue(value) switch { "approve" => VoteValue.Approve, "reject" => VoteValue.Reject, _ => VoteValue.Abstain },
            }, cli.Who(p), cancellationToken: ct)).Item;
            await cli.PrintAsync(p, cast, $"{cast.Reference.Value}: {cast.Votes.Count(v => !v.Superseded)} votes cast");
        }));
        yield return vote;
    }
}
