using Sec.Assessments;
using Sec.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults().AddAssessments();

var app = builder.Build();
app.MapDefaultEndpoints().MapAssessments();
app.Run();
