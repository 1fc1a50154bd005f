using Sec.ChangeBoard;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChangeBoard();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapChangeBoard();
app.Run();
