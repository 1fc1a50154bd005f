using System.Reflection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Sec.BuildingBlocks.Storage;

namespace Sec.ServiceTests.Storage;

/// <summary>
/// SQL Server cannot run on the development machines, so every SQL Server migration and every
/// statement the stores run on SQL Server is parsed with Microsoft's T-SQL parser.
/// </summary>
public sealed class SqlServerSyntaxTests
{
    private static readonly (Assembly Assembly, string Schema)[] Contexts =
    [
        (typeof(Sec.Proposals.Storage.ProposalsStore).Assembly, "proposals"),
        (typeof(Sec.Assessments.Storage.AssessmentsStore).Assembly, "assessments"),
        (typeof(Sec.ChangeBoard.Storage.ChangeBoardStore).Assembly, "changeboard"),
        (typeof(Sec.Releases.Storage.ReleasesStore).Assembly, "releases"),
    ];

    public static TheoryData<string, string> Migrations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (assembly, schema) in Contexts)
            foreach (var (name, sql) in Migrator.Scripts(assembly, StorageProvider.SqlServer))
                data.Add($"{schema}: {name}", Migrator.WithSchema(sql, schema));
        return data;
    }

    public static TheoryData<string, string> Statements()
    {
        var data = new TheoryData<string, string>();
        var assemblies = Contexts.Select(c => c.Assembly).Append(typeof(ContextStore).Assembly).Distinct();
        foreach (var method in assemblies.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                     .Where(m => m.GetCustomAttribute<SqlTextAttribute>() is not null))
            data.Add($"{method.DeclaringType!.Name}.{method.Name}", (string)method.Invoke(null, ["proposals"])!);
        foreach (var (statement, i) in SqlDialect.SqlServer.AllStatements("proposals").Select((s, i) => (s, i)))
            data.Add($"SqlServer dialect #{i}", statement);
        return data;
    }

    [Theory]
    [MemberData(nameof(Migrations))]
    public void Every_SQL_Server_migration_parses(string name, string sql) => AssertParses(name, sql);

    [Theory]
    [MemberData(nameof(Statements))]
    public void Every_SQL_Server_statement_parses(string name, string sql) => AssertParses(name, sql);

    [Fact]
    public void The_parser_rejects_broken_SQL() => Assert.NotEmpty(Parse("SELEC Reference FROM proposals.Proposal WHERE"));

    [Fact]
    public void Statements_are_found_in_every_layer() =>
        Assert.Contains(Statements(), row => ((string)row[0]).StartsWith("ProposalRepository.", StringComparison.Ordinal));

    private static void AssertParses(string name, string sql)
    {
        var errors = Parse(sql);
        Assert.True(errors.Count == 0, $"{name}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    private static IList<ParseError> Parse(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        return errors;
    }
}
