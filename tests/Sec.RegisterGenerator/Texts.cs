namespace Sec.RegisterGenerator;

/// <summary>The words the register is written in: titles, problem statements, parties and people (all invented).</summary>
internal static class Texts
{
    private static readonly string[] Areas =
    [
        "CH Alert Storm", "Communications Hub Firmware", "Smart Metering Key Infrastructure", "DCC User Interface", "Prepayment Top-Up",
        "Change of Supplier", "SMETS1 Enrolment", "Threshold Anomaly Detection", "Service Request Processing", "Alt HAN",
        "Dual Band Communications Hub", "Device Log", "Message Gateway", "Smart Metering Inventory", "Security Assessment",
        "Privacy Controls", "Release Management", "Testing Services", "Incident Management", "Self-Service Interface",
        "Electric Vehicle Charging", "Load Limiting", "Consumer Access Device", "Network Operator Alerts", "Gas Proxy Function",
        "Certificate Revocation", "Firmware Distribution", "Install and Commission", "Performance Reporting", "Data Retention",
    ];

    private static readonly string[] Changes =
    [
        "Consolidation", "Clarifications", "Housekeeping", "Process Improvements", "Obligation Changes", "Reporting Changes",
        "Validation Rules", "Alignment with the Technical Specifications", "Removal of Redundant Obligations", "Extension",
        "Timescale Changes", "Charging Changes", "Governance Changes", "Error Handling", "Interface Changes",
    ];

    private static readonly string[] Problems =
    [
        "is generating large numbers of alerts that Users cannot act on",
        "leaves Users without a clear obligation for a common case",
        "duplicates obligations found elsewhere in the Code",
        "does not reflect how the service is used today",
        "costs parties more than the benefit it brings",
        "causes failures that consumers notice",
        "is ambiguous and parties interpret it differently",
        "prevents a new use case that parties have asked for",
    ];

    /// <summary>SEC parties and the voting group-like category each belongs to.</summary>
    public static readonly (string Organisation, string Category)[] Parties =
    [
        ("British Gas", "Large Supplier"), ("EDF Energy", "Large Supplier"), ("E.ON", "Large Supplier"), ("ScottishPower", "Large Supplier"),
        ("SSE Energy Services", "Large Supplier"), ("Octopus Energy", "Small Supplier"), ("Bulb Energy", "Small Supplier"),
        ("Ovo Energy", "Small Supplier"), ("Utilita", "Small Supplier"), ("Good Energy", "Small Supplier"),
        ("Western Power Distribution", "Electricity Network"), ("Electricity North West", "Electricity Network"),
        ("Northern Powergrid", "Electricity Network"), ("UK Power Networks", "Electricity Network"),
        ("SGN", "Gas Network"), ("Cadent", "Gas Network"), ("Wales & West Utilities", "Gas Network"),
        ("Data Communications Company", "DCC"), ("Citizens Advice", "Consumer"), ("Landis+Gyr", "Other SEC Party"),
    ];

    private static readonly string[] FirstNames =
    [
        "Alex", "Bethan", "Callum", "Deepa", "Eilidh", "Farid", "Gwen", "Harri", "Imogen", "Jonah", "Kiran", "Lowri", "Marcus",
        "Niamh", "Olu", "Priya", "Rhys", "Saoirse", "Tomasz", "Una", "Vikram", "Wenna", "Yusuf", "Zara",
    ];

    private static readonly string[] Surnames =
    [
        "Ashdown", "Bracewell", "Carrow", "Dunmore", "Ellery", "Fenwick", "Garside", "Holloway", "Iredale", "Jessop", "Kellett",
        "Lister", "Marsden", "Northcott", "Ormerod", "Pendle", "Quayle", "Rowntree", "Sowerby", "Tattersall", "Underhill", "Varley",
    ];

    /// <summary>SECAS analysts who record the register's steps.</summary>
    public static readonly Actor[] Analysts =
        Enumerable.Range(0, 8).Select(i => new Actor($"{FirstNames[i * 3 % FirstNames.Length]} {Surnames[i * 5 % Surnames.Length]}", "SECAS")).ToArray();

    public static string Person(Random random) => $"{FirstNames[random.Next(FirstNames.Length)]} {Surnames[random.Next(Surnames.Length)]}";

    public static string Title(Random random) => $"{Areas[random.Next(Areas.Length)]} {Changes[random.Next(Changes.Length)]}";

    public static string Problem(Random random, string title)
    {
        var area = title[..title.LastIndexOf(' ')];
        var sentences = random.Next(1, 4);
        return string.Join(" ", Enumerable.Range(0, sentences).Select(i =>
            i == 0 ? $"The {area} {Problems[random.Next(Problems.Length)]}." : $"In addition it {Problems[random.Next(Problems.Length)]}."));
    }

    /// <summary>A progress note in the register for a proposal in <paramref name="phase"/>.</summary>
    public static (string Step, string Reason) Note(Random random, Sec.Proposals.Domain.ProposalState state)
    {
        if (state.OnHold)
            return ("Hold reviewed", "The Panel reviewed the hold and kept it");
        if (state.WithdrawalEndsOn is not null)
            return ("Withdrawal notice published", "Parties notified that the modification may be adopted");
        string[] notes = state.Phase switch
        {
            Sec.Contracts.Phase.Define => ["Discussed with the proposer", "Problem statement reviewed by SECAS", "Initial assessment by SECAS", "Presented to the Change Sub-Committee for information"],
            Sec.Contracts.Phase.Refine => ["Solution options reviewed", "Legal text drafted", "Business requirements agreed", "Working Group actions updated", "Panel update", "Costs and benefits reviewed"],
            Sec.Contracts.Phase.Opine => ["Legal text reviewed", "Modification Report drafted", "Consultation responses summarised", "Panel update", "Final Modification Report prepared"],
            Sec.Contracts.Phase.Release => ["Release Implementation Document updated", "Implementation plan agreed", "Testing progress reported"],
            _ => ["Papers archived"],
        };
        var note = notes[random.Next(notes.Length)];
        return (note, $"{note} ({Sec.Proposals.Domain.Lifecycle.StatusOf(state.Stage)})");
    }
}
