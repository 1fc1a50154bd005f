namespace Sec.Proposals.Domain;

/// <summary>A modification as the register holds it now, for the consistency check.</summary>
public sealed record RegisterState(string Reference, int Version, Stage Stage, string Status);

/// <summary>A modification as another context's view of the register holds it.</summary>
public sealed record ContextView(string Reference, int Version, Stage Stage, string Status);

/// <summary>One way a context disagrees with the register about a modification.</summary>
public sealed record Disagreement(string Context, string Reference, string ContextSays, string RegisterSays);

/// <summary>
/// The register is the record; every other context's view of it and every claim its own record
/// makes must agree with it. The check names each disagreement with both sides, so SECAS sees at
/// once which context to put right.
/// </summary>
public static class Consistency
{
    public static IReadOnlyList<Disagreement> Compare(string context, IReadOnlyList<RegisterState> register, IReadOnlyList<ContextView> views, IReadOnlyList<RegisterClaim> claims)
    {
        var found = new List<Disagreement>();
        var byReference = register.ToDictionary(r => r.Reference, StringComparer.Ordinal);
        var viewed = views.ToDictionary(v => v.Reference, StringComparer.Ordinal);
        foreach (var held in register)
        {
            if (!viewed.TryGetValue(held.Reference, out var view))
                found.Add(new(context, held.Reference, "does not know it", Says(held)));
            else if (view.Version != held.Version || view.Stage != held.Stage)
                found.Add(new(context, held.Reference,
                    view.Version == 0 ? "has not heard its history" : $"has it at version {view.Version}: {view.Status}", Says(held)));
        }
        foreach (var view in views.Where(v => !byReference.ContainsKey(v.Reference)))
            found.Add(new(context, view.Reference, $"knows it at version {view.Version}: {view.Status}", "does not hold it"));
        foreach (var claim in claims)
        {
            if (!byReference.TryGetValue(claim.Reference, out var held))
                found.Add(new(context, claim.Reference, claim.Claim, "does not hold it"));
            else if (!claim.CompatibleStages.Contains(held.Stage))
                found.Add(new(context, claim.Reference, claim.Claim, Says(held)));
        }
        return found;
    }

    private static string Says(RegisterState held) => $"version {held.Version}: {held.Status}";
}
