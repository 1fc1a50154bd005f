using Sec.Releases;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddReleases();

var app = builder.Build();
app.MapDefaultEndpoints().MapReleases();
app.Run();
