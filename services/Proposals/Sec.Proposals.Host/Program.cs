using Sec.Proposals;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddProposals();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapProposals();
app.Run();
