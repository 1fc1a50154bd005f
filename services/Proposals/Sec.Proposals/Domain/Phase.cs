namespace Sec.Proposals.Domain;

/// <summary>The phases the monthly Change Status Report counts, and the terminal outcomes.</summary>
public enum Phase
{
    Define = 1,
    Refine = 2,
    Opine = 3,
    Release = 4,
    Implemented = 5,
    Rejected = 6,
    Withdrawn = 7,
}
