using Sec.Proposals;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddProposals();

var app = builder.Build();
app.MapDefaultEndpoints().MapProposals();
app.Run();
