using Sec.Assessments;
using Sec.ServiceDefaults;

ServiceHost.Run(args, AssessmentsModule.AddAssessments, AssessmentsModule.MapAssessments);
