using Sec.Releases;
using Sec.ServiceDefaults;

ServiceHost.Run(args, ReleasesModule.AddReleases, ReleasesModule.MapReleases);
