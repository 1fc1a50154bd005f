using Sec.Assessments;
using Sec.ChangeBoard;
using Sec.Proposals;
using Sec.Releases;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProposals();
builder.AddAssessments();
builder.AddChangeBoard();
builder.AddReleases();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapProposals();
app.MapAssessments();
app.MapChangeBoard();
app.MapReleases();
app.Run();

/// <summary>The entry point, visible to the service tests' WebApplicationFactory.</summary>
public partial class Program;
