using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;
using Sec.ChangeBoard.Api;
using Sec.ChangeBoard.Messaging;

[assembly: KeepsKnownModifications]

namespace Sec.ChangeBoard;

/// <summary>Adds the ChangeBoard context to any host: the per-service program and the all-in-one alike.</summary>
public static class ChangeBoardModule
{
    public static IHostApplicationBuilder AddChangeBoard(this IHostApplicationBuilder builder)
    {
        builder.AddContext<ChangeBoardStore>(
            bus => { bus.AddKnownModifications<ChangeBoardStore>(); bus.AddConsumers(typeof(ModificationReadyForDecisionConsumer), typeof(ModificationWithdrawnConsumer), typeof(ModificationWithdrawalReversedConsumer)); },
            typeof(CountingRuleInForce), typeof(ChangeBoardRepository), typeof(BoardUseCases), typeof(AgendaUseCases), typeof(DecisionUseCases), typeof(ReferralWindowEnded), typeof(ConsistencyQueries));
        builder.Services.AddOptions<ChangeBoardOptions>().Bind(builder.Configuration.GetSection("ChangeBoard"))
            .Validate(o => o.ReferralWindowWorkingDays is > 0 and <= 100, "ChangeBoard:ReferralWindowWorkingDays must be between 1 and 100.")
            .ValidateOnStart();
        // The report's section, once after start, so the first report does not find its code and pages cold.
        builder.Services.AddWarmUp("report-decisions", async (sp, ct) =>
        {
            var today = sp.GetRequiredService<IClock>().Today;
            var agenda = sp.GetRequiredService<AgendaUseCases>();
            var from = today.AddDays(1 - today.Day).AddMonths(-1);
            await agenda.VotesAsync(from, today, ct);
            await agenda.DecisionsAsync(from, today, ct);
            await agenda.PendingAuthorityDecisionsAsync(ct);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapChangeBoard(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ChangeBoardApi>();
        return app;
    }
}
