using Sec.Releases;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReleases();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReleases();
app.Run();
