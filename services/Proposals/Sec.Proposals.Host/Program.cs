using Sec.Proposals;
using Sec.ServiceDefaults;

ServiceHost.Run(args, ProposalsModule.AddProposals, ProposalsModule.MapProposals);
