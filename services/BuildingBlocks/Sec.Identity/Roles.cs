namespace Sec.Identity;

/// <summary>
/// The suite's roles. Every RPC names the roles it admits; reads admit every role, since each role
/// reads the register it acts on (<see cref="Readers"/>).
/// </summary>
public static class SecRoles
{
    /// <summary>SECAS, the code administrator: the register's steps, Working Groups, consultations, meetings, agendas, releases and RIDs.</summary>
    public const string Secas = "secas";

    /// <summary>The SEC Panel: conversion, paths, Fast-Track, referrals' determination, RID baselines and go/no-go.</summary>
    public const string Panel = "panel";

    /// <summary>A Change Board member, with a voting-group claim: votes only as itself, only in its own group.</summary>
    public const string ChangeBoardMember = "change-board-member";

    /// <summary>The Authority (Ofgem): its decisions on Paths 1 and 2 only.</summary>
    public const string Authority = "authority";

    /// <summary>The DCC's integration: accepts, clock stops and restarts, and returns of assessments only.</summary>
    public const string Dcc = "dcc";

    /// <summary>Queries and reports.</summary>
    public const string Reader = "reader";

    /// <summary>Health details, metrics, reflection and the admin RPCs.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Secas, Panel, ChangeBoardMember, Authority, Dcc, Reader, Operator];

    /// <summary>A comma-separated list for <c>[Authorize(Roles = ...)]</c>: every role may read.</summary>
    public const string Readers = Secas + "," + Panel + "," + ChangeBoardMember + "," + Authority + "," + Dcc + "," + Reader + "," + Operator;

    /// <summary>Raising: SECAS raises Draft Proposals for parties; the Panel raises Fast-Track ones.</summary>
    public const string Raisers = Secas + "," + Panel;

    /// <summary>The register's imports of past papers, by SECAS or an operator loading them.</summary>
    public const string Importers = Secas + "," + Operator;
}

/// <summary>The claims a suite token carries.</summary>
public static class SecClaims
{
    /// <summary>The person or client acting, as history records it.</summary>
    public const string Name = "name";

    /// <summary>The organisation they act for.</summary>
    public const string Organisation = "organisation";

    /// <summary>One claim a role.</summary>
    public const string Role = "role";

    /// <summary>A Change Board member's voting group (large-supplier, small-supplier, electricity-network, gas-network, other-sec-parties, consumer).</summary>
    public const string VotingGroup = "voting_group";

    /// <summary>The client a client-credentials token was issued to (the DCC's integration).</summary>
    public const string Client = "client_id";

    /// <summary>A voting group's claim value from its name: LargeSupplier is large-supplier.</summary>
    public static string VotingGroupOf(string groupName) =>
        string.Concat(groupName.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
