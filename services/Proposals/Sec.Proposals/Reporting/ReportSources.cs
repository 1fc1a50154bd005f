namespace Sec.Proposals.Reporting;

/// <summary>Where the report asks the other contexts for their sections (section <c>Proposals:Report</c>).</summary>
public sealed class ReportSources
{
    /// <summary>The Assessments service's gRPC address.</summary>
    public Uri Assessments { get; set; } = new("http://localhost:5000");

    /// <summary>The ChangeBoard service's gRPC address.</summary>
    public Uri ChangeBoard { get; set; } = new("http://localhost:5000");

    /// <summary>The Releases service's gRPC address.</summary>
    public Uri Releases { get; set; } = new("http://localhost:5000");
}
