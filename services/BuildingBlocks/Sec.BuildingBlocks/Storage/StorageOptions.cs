namespace Sec.BuildingBlocks.Storage;

/// <summary>Which database a context's store lives in.</summary>
public enum StorageProvider
{
    /// <summary>The embedded default: one SQLite file per context, attached under the schema name.</summary>
    Sqlite,

    /// <summary>Production: SQL Server, one schema and one login per context.</summary>
    SqlServer,
}

/// <summary>
/// Storage settings, read from the <c>Storage</c> section. A context may override the connection
/// string under <c>Storage:Contexts:&lt;schema&gt;</c>, which production uses for one login per service.
/// </summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The folder that holds the SQLite files (<c>proposals.db</c>, ...).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQL Server connection string shared by contexts that have none of their own.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Per-context SQL Server connection strings, keyed by schema name.</summary>
    public Dictionary<string, string> Contexts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
