using System.Reflection;
using NetArchTest.Rules;
using Sec.Contracts;

namespace Sec.ServiceTests.Architecture;

/// <summary>
/// The use-case shape every context keeps (docs/architecture.md): the domain is pure and decides
/// what a step causes; Application loads, runs the domain, saves and enqueues; Api only maps; Storage
/// only stores; no context knows another.
/// </summary>
public sealed class LayeringTests
{
    public static TheoryData<string> Contexts => new(["Proposals", "Assessments", "ChangeBoard", "Releases"]);

    private static readonly string[] Io = ["Dapper", "Microsoft.Data", "System.Data", "MassTransit", "Microsoft.AspNetCore"];

    /// <summary>What the Api may not reach: I/O, and of ASP.NET Core everything but the <c>[Authorize]</c> its RPCs name their roles with.</summary>
    private static readonly string[] ApiIo =
        [.. Io.Where(n => n != "Microsoft.AspNetCore"), "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Hosting"];

    private static readonly string[] Grpc = ["Grpc", "Google.Protobuf", "Sec.Common.V1"];

    /// <summary>The building blocks' plumbing: storage, outbox and inbox, timers, hosting, read models.</summary>
    private static readonly string[] Plumbing =
    [
        "Sec.BuildingBlocks.Storage", "Sec.BuildingBlocks.Messaging", "Sec.BuildingBlocks.Timers",
        "Sec.BuildingBlocks.Hosting", "Sec.BuildingBlocks.ReadModels", "Sec.BuildingBlocks.Application",
    ];

    /// <summary>Every integration event: only the domain builds them, and consumers read them.</summary>
    private static readonly string[] Events = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(IIntegrationEvent).IsAssignableFrom(t)).Select(t => t.FullName!).ToArray();

    private static Assembly ContextAssembly(string context) => AppDomain.CurrentDomain.Load($"Sec.{context}");

    private static PredicateList Layer(string context, string layer) =>
        Types.InAssembly(ContextAssembly(context)).That().ResideInNamespaceStartingWith($"Sec.{context}.{layer}");

    private static void AssertHolds(TestResult result, string rule) =>
        Assert.True(result.IsSuccessful, $"{rule}: {string.Join(", ", result.FailingTypeNames ?? [])}");

    [Theory, MemberData(nameof(Contexts))]
    public void Every_context_has_the_four_layers(string context)
    {
        var namespaces = ContextAssembly(context).GetTypes().Select(t => t.Namespace ?? "").ToHashSet();
        foreach (var layer in new[] { "Domain", "Application", "Storage", "Api", "Messaging" })
            Assert.Contains($"Sec.{context}.{layer}", namespaces);
    }

    [Theory, MemberData(nameof(Contexts))]
    public void Domain_does_no_IO_and_knows_no_gRPC_storage_or_messaging(string context) =>
        AssertHolds(Layer(context, "Domain").ShouldNot().HaveDependencyOnAny(
            [.. Io, .. Grpc, .. Plumbing, "Sec.BuildingBlocks.Api", $"Sec.{context}.V1", $"Sec.{context}.Storage",
             $"Sec.{context}.Application", $"Sec.{context}.Api", $"Sec.{context}.Messaging"]).GetResult(),
            $"{context}'s domain reaches outside itself");

    [Theory, MemberData(nameof(Contexts))]
    public void Application_knows_no_gRPC(string context) =>
        AssertHolds(Layer(context, "Application").ShouldNot().HaveDependencyOnAny([.. Grpc, $"Sec.{context}.V1", $"Sec.{context}.Api"]).GetResult(),
            $"{context}'s use cases know the gRPC surface");

    [Theory, MemberData(nameof(Contexts))]
    public void Api_only_maps_it_reaches_storage_only_through_use_cases(string context) =>
        AssertHolds(Layer(context, "Api").ShouldNot().HaveDependencyOnAny(
            [.. ApiIo, .. Plumbing, .. Events, $"Sec.{context}.Storage", $"Sec.{context}.Messaging"]).GetResult(),
            $"{context}'s Api reaches storage or builds events");

    [Theory, MemberData(nameof(Contexts))]
    public void Storage_only_stores_it_builds_no_event_and_runs_no_use_case(string context) =>
        AssertHolds(Layer(context, "Storage").ShouldNot().HaveDependencyOnAny(
            [.. Events, "MassTransit", "Sec.BuildingBlocks.Messaging", "Sec.BuildingBlocks.Timers", "Sec.BuildingBlocks.Application",
             $"Sec.{context}.Application", $"Sec.{context}.Api", $"Sec.{context}.Messaging"]).GetResult(),
            $"{context}'s storage decides more than how to store");

    [Theory, MemberData(nameof(Contexts))]
    public void Consumers_and_timers_build_no_event_themselves(string context) =>
        AssertHolds(Layer(context, "Messaging").ShouldNot().HaveDependencyOnAny(
            ["Sec.BuildingBlocks.Messaging.Outbox", "Sec.BuildingBlocks.Timers.DurableTimers", "Dapper", $"Sec.{context}.Api"]).GetResult(),
            $"{context}'s consumers write around their use cases");

    /// <summary>Proposals' effects go through one method, which also makes the register's events' webhook deliveries.</summary>
    [Fact]
    public void In_Proposals_only_the_register_use_cases_enqueue_effects()
    {
        var writers = Types.InAssembly(ContextAssembly("Proposals")).That().HaveDependencyOn("Sec.BuildingBlocks.Application.EffectsWriter").GetTypes()
            .Select(t => t.FullName!.Split('+')[0]).Distinct();
        Assert.Equal(["Sec.Proposals.Application.ProposalUseCases"], writers);
    }

    [Theory, MemberData(nameof(Contexts))]
    public void No_context_references_another(string context)
    {
        var assembly = ContextAssembly(context);
        var others = ((IEnumerable<string>)["Proposals", "Assessments", "ChangeBoard", "Releases"]).Where(c => c != context).ToArray();
        AssertHolds(Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny([.. others.Select(c => $"Sec.{c}.")]).GetResult(),
            $"{context} depends on another context");
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => others.Any(o => a.Name == $"Sec.{o}"));
    }

    [Fact]
    public void Building_blocks_domain_does_no_IO()
    {
        var result = Types.InAssembly(typeof(Sec.BuildingBlocks.Domain.FieldChecks).Assembly)
            .That().ResideInNamespace("Sec.BuildingBlocks.Domain")
            .ShouldNot().HaveDependencyOnAny([.. Io, .. Grpc, .. Plumbing]).GetResult();
        AssertHolds(result, "the building blocks' domain does I/O");
    }

    [Fact]
    public void Contracts_depend_on_nothing_but_the_framework() =>
        Assert.All(typeof(IIntegrationEvent).Assembly.GetReferencedAssemblies(),
            a => Assert.True(a.Name is "System.Runtime" or "netstandard" or "mscorlib" || a.Name!.StartsWith("System.", StringComparison.Ordinal), a.Name));
}
