using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Sec.DeploymentTests;

/// <summary>No Docker engine runs on the development machines, so the compose file is validated and read by Debian's docker-compose.</summary>
public sealed partial class ComposeTests
{
    private static readonly string Root = FindRoot();
    private static readonly string[] Services = ["proposals", "assessments", "changeboard", "releases"];
    private static readonly Lazy<string> Resolved = new(() => Compose("config").Output);

    [Fact]
    public void Compose_file_is_valid()
    {
        var (exit, _, error) = Compose("config", "-q");
        Assert.True(exit == 0, error);
    }

    [Fact]
    public void Every_service_and_the_gateway_has_a_health_check()
    {
        foreach (var name in Services.Append("gateway").Append("sqlserver").Append("rabbitmq"))
            Assert.Contains("healthcheck:", Block(name));
    }

    [Fact]
    public void Every_dependency_waits_for_health_or_completion()
    {
        var conditions = ConditionPattern().Matches(Resolved.Value).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(conditions);
        Assert.All(conditions, c => Assert.Contains(c, new[] { "service_healthy", "service_completed_successfully" }));
        foreach (var name in Services)
        {
            Assert.Contains("db-init:", Block(name));
            Assert.Contains("rabbitmq:", Block(name));
        }
        Assert.All(Services, s => Assert.Contains($"      {s}:", Block("gateway")));
    }

    [Fact]
    public void Each_service_connects_with_its_own_login_to_its_own_schema()
    {
        var logins = new HashSet<string>();
        foreach (var name in Services)
        {
            var block = Block(name);
            Assert.Contains($"Storage__Contexts__{name}:", block);
            Assert.Contains("Storage__Provider: SqlServer", block);
            Assert.Contains("Messaging__Transport: RabbitMq", block);
            var login = Regex.Match(block, @"User Id=([^;]+);").Groups[1].Value;
            Assert.Equal($"{name}_service", login);
            logins.Add(login);
        }
        Assert.Equal(4, logins.Count);
    }

    [Fact]
    public void The_gateway_alone_is_published_to_the_host()
    {
        Assert.Contains("published: 5000", Block("gateway"));
        Assert.Contains("published: 5080", Block("gateway"));
        Assert.All(Services, s => Assert.DoesNotContain("published:", Block(s)));
    }

    [Fact]
    public void The_database_set_up_gives_each_login_only_its_own_schema_and_parses_as_TSQL()
    {
        var sql = File.ReadAllText(Path.Combine(Root, "deploy", "sql", "init.sql"));
        foreach (var name in Services)
            Assert.Contains($"(N'{name}',", sql);
        Assert.Contains("AUTHORIZATION", sql);
        Assert.DoesNotContain("db_owner", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("GRANT CONTROL", sql, StringComparison.OrdinalIgnoreCase);
        // sqlcmd variables are filled in by db-init; the parser sees the text with them replaced.
        var filled = SqlcmdVariable().Replace(sql, "secret");
        var batches = filled.Split("\nGO", StringSplitOptions.RemoveEmptyEntries);
        foreach (var batch in batches)
        {
            new TSql160Parser(true).Parse(new StringReader(batch), out var errors);
            Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        }
    }

    /// <summary>The lines of one service in the resolved configuration.</summary>
    private static string Block(string service)
    {
        var lines = Resolved.Value.Split('\n');
        var start = Array.FindIndex(lines, l => l == $"  {service}:");
        Assert.True(start >= 0, $"service {service} is missing");
        var end = Array.FindIndex(lines, start + 1, l => l.Length > 2 && !l.StartsWith("   ", StringComparison.Ordinal));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    private static (int Exit, string Output, string Error) Compose(params string[] args)
    {
        var info = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in new[] { "--env-file", ".env.example", "-f", "docker-compose.yml" }.Concat(args))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("docker-compose did not start; the README's test command installs it.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sec.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find Sec.sln above the test's folder.");
    }

    [GeneratedRegex(@"condition: (\S+)")]
    private static partial Regex ConditionPattern();

    [GeneratedRegex(@"\$\([A-Z_]+\)")]
    private static partial Regex SqlcmdVariable();
}
