using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Net.Client;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Authorization;
using Sec.Identity;

namespace Sec.ServiceTests.Identity;

/// <summary>Every RPC of the four services, found through their descriptors, and the roles its method admits.</summary>
public static class EveryRpc
{
    public sealed record Rpc(ServiceDescriptor Service, MethodDescriptor Method, IReadOnlyList<string> Roles)
    {
        public override string ToString() => $"{Service.Name}/{Method.Name}";
    }

    private static readonly (ServiceDescriptor Service, Type Api)[] Services =
    [
        (Sec.Proposals.V1.ProposalsService.Descriptor, typeof(Sec.Proposals.Api.ProposalsApi)),
        (Sec.Assessments.V1.AssessmentsService.Descriptor, typeof(Sec.Assessments.Api.AssessmentsApi)),
        (Sec.ChangeBoard.V1.ChangeBoardService.Descriptor, typeof(Sec.ChangeBoard.Api.ChangeBoardApi)),
        (Sec.Releases.V1.ReleasesService.Descriptor, typeof(Sec.Releases.Api.ReleasesApi)),
    ];

    public static IEnumerable<Rpc> All() =>
        from s in Services
        from m in s.Service.Methods
        select new Rpc(s.Service, m, RolesOf(s.Api, m.Name));

    public static TheoryData<string> Names() => new(All().Select(r => r.ToString()));

    public static Rpc Named(string name) => All().Single(r => r.ToString() == name);

    /// <summary>The roles the method's own <c>[Authorize]</c> names; empty when it has none.</summary>
    private static IReadOnlyList<string> RolesOf(Type api, string method)
    {
        var implementation = api.GetMethod(method, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        return implementation?.GetCustomAttributes<AuthorizeAttribute>().SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList() ?? [];
    }

    /// <summary>Calls the RPC with an empty request and returns how it ended; a streaming call is read to its end.</summary>
    public static async Task<RpcException?> CallAsync(GrpcChannel channel, Rpc rpc)
    {
        var marshaller = Marshallers.Create<byte[]>(b => b, b => b);
        var invoker = channel.CreateCallInvoker();
        try
        {
            if (rpc.Method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(new Method<byte[], byte[]>(MethodType.ServerStreaming, rpc.Service.FullName, rpc.Method.Name, marshaller, marshaller), null, default, []);
                while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
            }
            else
                await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, rpc.Service.FullName, rpc.Method.Name, marshaller, marshaller), null, default, []);
            return null;
        }
        catch (RpcException ex)
        {
            return ex;
        }
    }

    /// <summary>A role the RPC does not admit, or none when every role may make it (a read).</summary>
    public static string[] WrongRoles(Rpc rpc) => SecRoles.All.Except(rpc.Roles).Take(1).ToArray();
}
