var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddGateway();

var app = builder.Build();
app.MapDefaultEndpoints().MapGateway();
app.Run();
