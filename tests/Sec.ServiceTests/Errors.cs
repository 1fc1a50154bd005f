using Google.Rpc;

namespace Sec.ServiceTests;

public static class Errors
{
    /// <summary>The field names a refusal's google.rpc.BadRequest details carry.</summary>
    public static IReadOnlyList<string> ViolatedFields(this RpcException ex) =>
        ex.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
}
