namespace Sec.Identity;

/// <summary>
/// The suite's roles. Every RPC names the roles it admits; reads admit every role, since each role
/// reads the register it acts on (<see cref="Readers"/>).
/// <list type="bullet">
/// <item><c>secas</c>, the code administrator: the register's steps, Working Groups, consultations, meetings, agendas, releases and RIDs;</item>
/// <item><c>panel</c>, the SEC Panel: conversion, paths, Fast-Track, referrals' determination, RID baselines and go/no-go;</item>
/// <item><c>change-board-member</c>, with a voting-group claim: votes only as itself, only in its own group;</item>
/// <item><c>authority</c>, the Authority (Ofgem): its decisions on Paths 1 and 2 only;</item>
/// <item><c>dcc</c>, the DCC's integration: accepts, clock stops and restarts, and returns of assessments only;</item>
/// <item><c>reader</c>: queries and reports;</item>
/// <item><c>operator</c>: health details, metrics, reflection and the admin RPCs.</item>
/// </list>
/// </summary>
public static class SecRoles
{
    public const string Secas = "secas", Panel = "panel", ChangeBoardMember = "change-board-member", Authority = "authority",
        Dcc = "dcc", Reader = "reader", Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Secas, Panel, ChangeBoardMember, Authority, Dcc, Reader, Operator];

    /// <summary>A comma-separated list for <c>[Authorize(Roles = ...)]</c>: every role may read.</summary>
    public const string Readers = Secas + "," + Panel + "," + ChangeBoardMember + "," + Authority + "," + Dcc + "," + Reader + "," + Operator;

    /// <summary>Raising: SECAS raises Draft Proposals for parties; the Panel raises Fast-Track ones.</summary>
    public const string Raisers = Secas + "," + Panel;

    /// <summary>The register's imports of past papers, by SECAS or an operator loading them.</summary>
    public const string Importers = Secas + "," + Operator;

    /// <summary>Keeping the record consistent: listing and retrying discrepancies and running the consistency check, by SECAS or an operator.</summary>
    public const string RecordKeepers = Secas + "," + Operator;
}

/// <summary>
/// The claims a suite token carries: <c>name</c> and <c>organisation</c> of who acts, as history
/// records them; one <c>role</c> claim a role; a Change Board member's <c>voting_group</c>
/// (large-supplier, small-supplier, electricity-network, gas-network, other-sec-parties, consumer);
/// and <c>client_id</c> for a client-credentials token (the DCC's integration).
/// </summary>
public static class SecClaims
{
    public const string Name = "name", Organisation = "organisation", Role = "role", VotingGroup = "voting_group", Client = "client_id";

    /// <summary>A voting group's claim value from its name: LargeSupplier is large-supplier.</summary>
    public static string VotingGroupOf(string groupName) =>
        string.Concat(groupName.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
