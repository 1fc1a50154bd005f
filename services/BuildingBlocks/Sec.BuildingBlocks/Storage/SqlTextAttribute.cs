namespace Sec.BuildingBlocks.Storage;

/// <summary>
/// Marks a static method <c>string Name(string schema)</c> that returns SQL run on both providers.
/// The tests find every marked method and parse its SQL Server text with Microsoft's T-SQL parser,
/// since SQL Server cannot run on the development machines.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqlTextAttribute : Attribute;
