using Sec.Assessments;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAssessments();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAssessments();
app.Run();
