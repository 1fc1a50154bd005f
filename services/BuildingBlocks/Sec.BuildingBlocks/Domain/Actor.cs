namespace Sec.BuildingBlocks.Domain;

/// <summary>Who makes a change: the authenticated caller, or the person named in imported history.</summary>
public sealed record Actor(string Name, string Organisation)
{
    public static readonly Actor Anonymous = new("anonymous", "");

    public override string ToString() => Organisation.Length == 0 ? Name : $"{Name} ({Organisation})";
}
