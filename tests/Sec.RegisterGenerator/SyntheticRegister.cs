using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Sec.RegisterGenerator;

/// <summary>
/// Generates a synthetic register: plans each modification's life, lives it up to the register
/// date, and writes the result into the four contexts' SQLite files after their real migrations.
/// The same shape and seed give the same files, row for row.
/// </summary>
public static class SyntheticRegister
{
    /// <summary>Bumped whenever the output changes, so a cached register is generated again.</summary>
    public const int Version = 1;

    public static async Task<GeneratedCounts> GenerateAsync(RegisterShape shape, string dataDirectory, CancellationToken ct = default)
    {
        shape.Check();
        var took = Stopwatch.StartNew();
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            throw new IOException($"{dataDirectory} is not empty; the generator writes a new register into an empty folder.");

        var options = Options.Create(new StorageOptions { DataDirectory = dataDirectory });
        var stores = new RegisterStores(new ProposalsStore(options), new AssessmentsStore(options), new ChangeBoardStore(options), new ReleasesStore(options));
        foreach (var (store, assembly) in stores.WithAssemblies())
            await new Migrator(store, assembly, NullLogger.Instance).MigrateAsync(ct);

        var ids = new Ids(shape.Seed);
        var schedule = new Schedule(shape, ids);
        var members = Members(ids);
        var lives = Plan(shape, schedule, members);
        var expected = AddNotes(shape, lives);
        foreach (var life in lives)
            life.Live(shape.RegisterDate);
        var written = lives.Sum(l => l.Proposal.History.Count);
        if (written != expected)
            throw new InvalidOperationException($"The plan promised {expected} history rows but the lives wrote {written}.");

        var counts = await new RegisterWriter(stores, schedule, members, shape).WriteAsync(lives, ct);
        return counts with { Took = took.Elapsed };
    }

    /// <summary>Raised dates spread over the years, numbered in the order raised: SECMP before the Draft Proposal era, DP after.</summary>
    private static List<ModificationLife> Plan(RegisterShape shape, Schedule schedule, IReadOnlyList<Member> members)
    {
        var random = new Random(shape.Seed);
        var days = shape.RaisedTo.DayNumber - shape.RaisedFrom.DayNumber + 1;
        var raised = Enumerable.Range(0, shape.Modifications)
            .Select(_ => WeekdayOnOrBefore(shape.RaisedFrom.AddDays(random.Next(days)), shape.RaisedFrom))
            .Order().ToList();
        var planner = new LifePlanner(schedule, members);
        var (legacy, drafts) = (0, 0);
        var lives = new List<ModificationLife>(shape.Modifications);
        for (var i = 0; i < raised.Count; i++)
        {
            var reference = raised[i] < shape.DraftProposalsFrom ? ModificationReference.Legacy(++legacy) : ModificationReference.Draft(++drafts);
            lives.Add(planner.Plan(i, shape.Seed, raised[i], reference));
        }
        return lives;
    }

    /// <summary>
    /// Progress notes fill each life's history up to the requested total, spread in proportion to
    /// how long each modification has been open, so old modifications carry long histories and
    /// new ones short. Returns the history rows the lives will write.
    /// </summary>
    private static long AddNotes(RegisterShape shape, List<ModificationLife> lives)
    {
        var planned = lives.Select(l => (long)l.HistoryEntries(shape.RegisterDate)).ToArray();
        var target = (long)shape.Modifications * shape.HistoryRowsPerModification;
        var notes = Math.Max(0, target - planned.Sum());
        var spans = lives.Select(l => (long)(l.NotesUntil(shape.RegisterDate).DayNumber - l.RaisedOn.DayNumber + 1)).ToArray();
        var total = spans.Sum();
        // Largest remainder, so the notes add up exactly.
        var share = spans.Select(s => notes * s / total).ToArray();
        var left = notes - share.Sum();
        foreach (var i in Enumerable.Range(0, lives.Count).OrderByDescending(i => notes * spans[i] % total).ThenBy(i => i).Take((int)left))
            share[i]++;
        for (var i = 0; i < lives.Count; i++)
        {
            var life = lives[i];
            for (var n = 0; n < share[i]; n++)
                life.Note(life.RaisedOn.AddDays(life.Random.Next(0, (int)spans[i])));
        }
        return planned.Sum() + notes;
    }

    /// <summary>Three members in each voting group from the start; one in each group replaced in mid-2018.</summary>
    private static List<Member> Members(Ids ids)
    {
        var random = new Random(7);
        var members = new List<Member>();
        foreach (var group in Enum.GetValues<VotingGroup>())
        {
            for (var i = 0; i < 3; i++)
            {
                var (organisation, _) = Texts.Parties[random.Next(Texts.Parties.Length)];
                DateOnly? to = i == 0 ? new DateOnly(2018, 6, 30) : null;
                members.Add(new Member(ids.Next(), Texts.Person(random), organisation, group, new DateOnly(2015, 12, 1), to));
            }
            members.Add(new Member(ids.Next(), Texts.Person(random), Texts.Parties[random.Next(Texts.Parties.Length)].Organisation, group, new DateOnly(2018, 7, 1), null));
        }
        return members;
    }

    private static DateOnly WeekdayOnOrBefore(DateOnly date, DateOnly earliest)
    {
        var d = date.DayOfWeek switch { DayOfWeek.Saturday => date.AddDays(-1), DayOfWeek.Sunday => date.AddDays(-2), _ => date };
        return d < earliest ? LifePlanner.Weekday(earliest) : d;
    }
}

/// <summary>The four contexts' stores the register is written into.</summary>
internal sealed record RegisterStores(ProposalsStore Proposals, AssessmentsStore Assessments, ChangeBoardStore ChangeBoard, ReleasesStore Releases)
{
    public IEnumerable<(ContextStore Store, System.Reflection.Assembly Assembly)> WithAssemblies() =>
    [
        (Proposals, typeof(ProposalsStore).Assembly), (Assessments, typeof(AssessmentsStore).Assembly),
        (ChangeBoard, typeof(ChangeBoardStore).Assembly), (Releases, typeof(ReleasesStore).Assembly),
    ];
}
