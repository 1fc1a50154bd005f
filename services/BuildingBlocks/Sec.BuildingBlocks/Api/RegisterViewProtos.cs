using Sec.Common.V1;

namespace Sec.BuildingBlocks.Api;

/// <summary>A context's view of the register and its claims, as every context's DescribeRegisterView answers them.</summary>
public static class RegisterViewProtos
{
    public static DescribeRegisterViewResponse ToProto(string context, IEnumerable<Domain.RegisterView> views, IEnumerable<Domain.RegisterClaim> claims)
    {
        var response = new DescribeRegisterViewResponse { Context = context };
        response.Modifications.AddRange(views.Select(v => new ModificationView
        {
            Reference = new Sec.Common.V1.ModificationReference { Value = v.Reference },
            RegisterVersion = v.Version,
            Status = v.Current?.Status ?? "",
            Stage = (int)(v.Current?.Stage ?? 0),
        }));
        response.Claims.AddRange(claims.Select(c =>
        {
            var claim = new Sec.Common.V1.RegisterClaim { Reference = new Sec.Common.V1.ModificationReference { Value = c.Reference }, Claim = c.Claim, On = c.On.ToProto() };
            claim.CompatibleStages.AddRange(c.CompatibleStages.Select(s => (int)s));
            return claim;
        }));
        return response;
    }
}
