using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Api;
using Sec.Proposals.Messaging;
using Sec.Proposals.Reporting;
using Sec.Proposals.Storage;
using Sec.Proposals.Web;
using Sec.Assessments.V1;
using Sec.ChangeBoard.V1;
using Sec.Releases.V1;

namespace Sec.Proposals;

/// <summary>Adds the Proposals context to any host: the per-service program and the all-in-one alike.</summary>
public static class ProposalsModule
{
    public static IHostApplicationBuilder AddProposals(this IHostApplicationBuilder builder)
    {
        builder.AddContext<ProposalsStore>(
            bus =>
            {
                bus.AddConsumers(typeof(ModificationApprovedConsumer), typeof(ModificationRejectedConsumer),
                    typeof(ModificationRecommendedConsumer), typeof(AuthorityDecidedConsumer), typeof(ModificationImplementedConsumer), typeof(ModificationDecisionReopenedConsumer));
                bus.AddConsumer(typeof(WebhookFanOut), typeof(WebhookFanOutDefinition));
            },
            typeof(ProposalRepository), typeof(RegisterQueries), typeof(WorkingGroupRepository), typeof(ConsultationRepository), typeof(ReportCoverRepository),
            typeof(WebhookRepository), typeof(WebhookUseCases),
            typeof(ProposalUseCases), typeof(ProposalQueries), typeof(WorkingGroupUseCases), typeof(ConsultationUseCases), typeof(ReportQueries), typeof(ReportCoverUseCases),
            typeof(ModificationPageRepository), typeof(ModificationPageUseCases),
            typeof(WithdrawalPeriodEnded));
        builder.Services.AddOptions<ProposalsOptions>().Bind(builder.Configuration.GetSection("Proposals"))
            .Validate(o => o.WithdrawalPeriodWorkingDays is > 0 and <= 100, "Proposals:WithdrawalPeriodWorkingDays must be between 1 and 100.")
            .Validate(o => o.DocumentMaxBytes is > 0 and <= 3 * 1024 * 1024, "Proposals:DocumentMaxBytes must be between 1 byte and 3 MiB (a gRPC message carries at most 4 MiB); link larger papers by URL.")
            .ValidateOnStart();
        // Webhooks: the operator's allowed hosts and the deliveries' retry policy; the dispatcher tries due deliveries.
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection("Proposals:Webhooks"))
            .Validate(o => o.MaxAttempts is > 0 and <= 100 && o.FirstRetry > TimeSpan.Zero && o.MaxRetry >= o.FirstRetry && o.Timeout > TimeSpan.Zero && o.Poll > TimeSpan.Zero,
                "Proposals:Webhooks needs MaxAttempts from 1 to 100 and positive FirstRetry, MaxRetry (not below FirstRetry), Timeout and Poll.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IWebhookSender, WebhookSender>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        // The report asks each other context for its section over gRPC, with the caller's token; a refusal says which context gave it.
        var sources = builder.Configuration.GetSection("Proposals:Report").Get<ReportSources>() ?? new ReportSources();
        builder.Services.AddTransient<ForwardedBearer>();
        builder.Services.AddGrpcClient<AssessmentsService.AssessmentsServiceClient>(o => o.Address = sources.Assessments)
            .AddInterceptor(() => new OtherContextRefusals("Assessments")).AddHttpMessageHandler<ForwardedBearer>();
        builder.Services.AddGrpcClient<ChangeBoardService.ChangeBoardServiceClient>(o => o.Address = sources.ChangeBoard)
            .AddInterceptor(() => new OtherContextRefusals("ChangeBoard")).AddHttpMessageHandler<ForwardedBearer>();
        builder.Services.AddGrpcClient<ReleasesService.ReleasesServiceClient>(o => o.Address = sources.Releases)
            .AddInterceptor(() => new OtherContextRefusals("Releases")).AddHttpMessageHandler<ForwardedBearer>();
        builder.Services.AddScoped<ChangeStatusReporter>();
        builder.Services.AddScoped<ChangeStatusReports>();
        builder.Services.AddSingleton<ReportCache>();
        builder.Services.AddWarmUp("report", ReportWarmUp.RunAsync);
        ReportWarmUp.AllowParallelReads();
        builder.Services.AddScoped<ConsistencyCheck>();
        // The calendar feed and the register's web pages, composed the same way as the report.
        builder.Services.AddScoped<Feeds.CalendarFeed>();
        builder.Services.AddScoped<Web.ModificationPageSource>();
        builder.Services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, Web.WebAccess>();
        builder.Services.AddScoped<ModificationPage.ModificationViewComposer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapProposals(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ProposalsApi>();
        app.MapRegisterWeb();
        return app;
    }
}
