using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using static Sec.DeploymentTests.ComposeConfig;

namespace Sec.DeploymentTests;

/// <summary>deploy/sql/init.sql, which db-init runs with sqlcmd before any service starts.</summary>
public sealed partial class DatabaseSetUpTests
{
    private static readonly string[] Services = ["proposals", "assessments", "changeboard", "releases"];
    private static readonly string Sql = File.ReadAllText(Repo.File("deploy", "sql", "init.sql"));

    [Fact]
    public void The_database_set_up_creates_one_login_per_service()
    {
        var rows = ContextRow().Matches(Sql).Select(m => (Schema: m.Groups[1].Value, Login: m.Groups[2].Value, Password: m.Groups[3].Value)).ToList();
        Assert.Equal(Services, rows.Select(r => r.Schema));
        Assert.All(rows, r => Assert.Equal($"{r.Schema}_service", r.Login));
        Assert.Equal(Services.Length, rows.Select(r => r.Password).Distinct().Count());
        Assert.Contains("N'CREATE LOGIN ' + QUOTENAME(@login)", Sql);
        Assert.Contains("N'CREATE USER ' + QUOTENAME(@login) + N' FOR LOGIN ' + QUOTENAME(@login)", Sql);
    }

    [Fact]
    public void Each_login_is_granted_only_its_own_schema()
    {
        // Ownership of its schema is the login's only right there; the one database grant, CREATE TABLE,
        // needs ALTER on the target schema, so it reaches no other.
        Assert.Contains("N'CREATE SCHEMA ' + QUOTENAME(@schema) + N' AUTHORIZATION ' + QUOTENAME(@login)", Sql);
        Assert.Contains("N'ALTER AUTHORIZATION ON SCHEMA::' + QUOTENAME(@schema) + N' TO ' + QUOTENAME(@login)", Sql);
        Assert.Contains("DEFAULT_SCHEMA = ' + QUOTENAME(@schema)", Sql);
        var grants = Regex.Matches(Sql, @"\bGRANT\s+([A-Z ]+?)\s+(?:ON\b|TO\b)", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["CREATE TABLE"], grants);
        foreach (var forbidden in new[] { "db_owner", "db_ddladmin", "db_datareader", "db_datawriter", "sysadmin", "CONTROL", "ALTER ANY", "ALTER ROLE", "sp_addrolemember", "IMPERSONATE" })
            Assert.DoesNotContain(forbidden, Sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_database_set_up_can_run_again()
    {
        Assert.Contains("IF DB_ID(N'Sec') IS NULL\n    CREATE DATABASE Sec;", Sql.ReplaceLineEndings("\n"));
        Assert.Contains("IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @login)", Sql);
        Assert.Contains("IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @login)", Sql);
        Assert.Contains("IF SCHEMA_ID(@schema) IS NULL", Sql);
        // Every CREATE is behind one of the guards above.
        Assert.Equal(4, Regex.Matches(Sql, @"\bCREATE (DATABASE|LOGIN|USER|SCHEMA)\b").Count);
    }

    [Fact]
    public void The_database_set_up_is_valid_TSQL()
    {
        // db-init fills in the sqlcmd variables; the parser sees the text with them replaced.
        var filled = SqlcmdVariable().Replace(Sql, "Example-password-1");
        var batches = Regex.Split(filled, @"^\s*GO\s*$", RegexOptions.Multiline).Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
        Assert.Equal(3, batches.Count);
        foreach (var batch in batches)
        {
            new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(batch), out var errors);
            Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        }
    }

    [Fact]
    public void Db_init_passes_every_password_the_set_up_uses()
    {
        var block = Block("db-init");
        var environment = EnvironmentOf("db-init");
        Assert.Contains("/sql/init.sql", block);
        Assert.Contains("/opt/mssql-tools18/bin/sqlcmd -C", block);
        Assert.True(environment.ContainsKey("SQLCMDPASSWORD"), "db-init has no sa password");
        Assert.Equal(EnvironmentOf("sqlserver")["MSSQL_SA_PASSWORD"], environment["SQLCMDPASSWORD"]);
        var variables = SqlcmdVariable().Matches(Sql).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(Services.Length, variables.Count);
        foreach (var variable in variables)
        {
            Assert.True(environment.ContainsKey(variable), $"db-init does not receive {variable}");
            Assert.Contains($"{variable}=\"$${variable}\"", block);
        }
    }

    [Fact]
    public void Each_service_logs_in_with_the_password_the_set_up_gives_its_login()
    {
        var setUp = EnvironmentOf("db-init");
        foreach (var row in ContextRow().Matches(Sql).Cast<Match>())
        {
            var (schema, login, variable) = (row.Groups[1].Value, row.Groups[2].Value, row.Groups[3].Value);
            var connection = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = EnvironmentOf(schema)[$"Storage__Contexts__{schema}"] };
            Assert.Equal(login, connection["User Id"]);
            Assert.Equal(setUp[variable], connection["Password"]);
        }
    }

    [GeneratedRegex(@"\(N'(\w+)',\s*N'(\w+)',\s*N'\$\((\w+)\)'\)")]
    private static partial Regex ContextRow();

    [GeneratedRegex(@"\$\(([A-Z_]+)\)")]
    private static partial Regex SqlcmdVariable();
}
