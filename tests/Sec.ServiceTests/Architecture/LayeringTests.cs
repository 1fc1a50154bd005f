using NetArchTest.Rules;

namespace Sec.ServiceTests.Architecture;

public sealed class LayeringTests
{
    private static readonly string[] Contexts = ["Proposals", "Assessments", "ChangeBoard", "Releases"];

    [Fact]
    public void Domain_code_does_no_IO_and_knows_no_gRPC()
    {
        var result = Types.InAssemblies([typeof(Sec.Proposals.ProposalsModule).Assembly, typeof(Sec.BuildingBlocks.Domain.FieldChecks).Assembly])
            .That().ResideInNamespaceEndingWith(".Domain")
            .ShouldNot().HaveDependencyOnAny("Grpc", "Google.Protobuf", "Dapper", "Microsoft.Data", "MassTransit", "Microsoft.AspNetCore", "System.Data")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void No_context_references_another()
    {
        foreach (var context in Contexts)
        {
            var assembly = AppDomain.CurrentDomain.Load($"Sec.{context}");
            var others = Contexts.Where(c => c != context).Select(c => $"Sec.{c}.").ToArray();
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{context} depends on another context: " + string.Join(", ", result.FailingTypeNames ?? []));
        }
    }
}
