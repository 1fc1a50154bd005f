using Sec.Assessments;
using Sec.ChangeBoard;
using Sec.Proposals;
using Sec.Releases;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddProposals().AddAssessments().AddChangeBoard().AddReleases();

var app = builder.Build();
app.MapDefaultEndpoints().MapProposals().MapAssessments().MapChangeBoard().MapReleases();
app.Run();

/// <summary>The entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
