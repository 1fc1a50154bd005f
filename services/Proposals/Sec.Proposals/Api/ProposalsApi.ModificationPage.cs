using Google.Protobuf;

namespace Sec.Proposals.Api;

/// <summary>This part: the modification page, and its documents, plan and priority.</summary>
public sealed partial class ProposalsApi
{
    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<Proto.GetModificationViewResponse> GetModificationView(Proto.GetModificationViewRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var asOf = string.IsNullOrEmpty(request.AsOf) ? clock.Today : checks.IsoDate(request.AsOf, "as_of");
        checks.ThrowIfAny();
        return new() { View = await pages.ComposeAsync(reference!, asOf, context.CancellationToken) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<Proto.AttachDocumentResponse> AttachDocument(Proto.AttachDocumentRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var attach = ToDomain(request, checks);
        checks.ThrowIfAny();
        return new() { Document = ToProto(await modificationPage.AttachDocumentAsync(reference!, attach, context.CancellationToken)) };
    }

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<Proto.GetDocumentContentResponse> GetDocumentContent(Proto.GetDocumentContentRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        checks.RequiredText(request.DocumentId, "document_id", 36);
        checks.ThrowIfAny();
        var (document, content) = await modificationPage.DocumentContentAsync(request.DocumentId.Trim(), context.CancellationToken);
        return new() { Document = ToProto(document), Content = ByteString.CopyFrom(content) };
    }

    [Authorize(Roles = SecRoles.Secas)]
    public override async Task<Proto.PlanModificationResponse> PlanModification(Proto.PlanModificationRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var plannedOn = checks.Date(request.PlannedOn, "planned_on");
        var milestones = ToDomain(request.Milestones, checks);
        checks.ThrowIfAny();
        await modificationPage.PlanAsync(reference!, milestones, plannedOn, request.Reason, context.CancellationToken);
        var view = await pages.ComposeAsync(reference!, clock.Today, context.CancellationToken);
        return new() { Plan = view.Plan };
    }

    [Authorize(Roles = SecRoles.Secas + "," + SecRoles.Panel)]
    public override async Task<Proto.DeterminePriorityResponse> DeterminePriority(Proto.DeterminePriorityRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var reference = checks.Reference(request.Reference, "reference.value");
        var on = checks.Date(request.DeterminedOn, "determined_on");
        checks.ThrowIfAny();
        var history = await modificationPage.DeterminePriorityAsync(reference!,
            new DeterminePriority(request.Category, request.CriteriaNotes, request.DeterminedBy, on, request.Review), context.CancellationToken);
        return new() { Priority = ToProto(history, clock.Today) };
    }

    [Authorize(Roles = SecRoles.Operator)]
    public override async Task<Proto.PutPriorityCategoryResponse> PutPriorityCategory(Proto.PutPriorityCategoryRequest request, ServerCallContext context) =>
        new() { Category = ToProto(await modificationPage.PutCategoryAsync(ToDomain(request.Category), context.CancellationToken)) };

    [Authorize(Roles = SecRoles.Readers)]
    public override async Task<Proto.ListPriorityCategoriesResponse> ListPriorityCategories(Proto.ListPriorityCategoriesRequest request, ServerCallContext context) =>
        new() { Categories = { (await modificationPage.CategoriesAsync(context.CancellationToken)).Select(ToProto) } };
}
