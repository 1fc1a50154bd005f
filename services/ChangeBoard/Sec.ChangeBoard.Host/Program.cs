using Sec.ChangeBoard;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddChangeBoard();

var app = builder.Build();
app.MapDefaultEndpoints().MapChangeBoard();
app.Run();
