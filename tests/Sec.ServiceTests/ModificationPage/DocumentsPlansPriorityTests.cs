using System.Security.Cryptography;
using Google.Protobuf;
using Sec.Identity;
using Sec.Proposals.V1;

namespace Sec.ServiceTests.ModificationPage;

/// <summary>A modification's documents, plans and priority: kept with their history; bad input refused naming the field, with nothing written.</summary>
public sealed class DocumentsPlansPriorityTests() : SuiteTests(new DateTimeOffset(2020, 8, 3, 9, 0, 0, TimeSpan.Zero))
{
    private static readonly ModificationReference Mp122 = Ref("MP122");

    private static AttachDocumentRequest Link(string url) => new()
    {
        Reference = Mp122, Title = "Modification Report", Kind = DocumentKind.ModificationReport, Version = "1.0", DatedOn = D(2020, 7, 1), Url = url,
    };

    private static AttachDocumentRequest File(byte[] content, string version = "1.0") => new()
    {
        Reference = Mp122, Title = "Legal text", Kind = DocumentKind.LegalText, Version = version, DatedOn = D(2020, 7, 1),
        File = new Sec.Proposals.V1.DocumentFile { FileName = "MP122 legal text.docx", MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Content = ByteString.CopyFrom(content) },
    };

    [Fact]
    public async Task A_file_is_kept_with_its_hash_and_a_new_version_supersedes_the_old_which_is_kept()
    {
        await Register.ImportAsync("MP122", "Operational metrics", D(2020, 3, 10));
        var first = (await Proposals.AttachDocumentAsync(File([1, 2, 3]))).Document;
        var second = (await Proposals.AttachDocumentAsync(File([4, 5, 6, 7], "2.0"))).Document;

        var content = await Proposals.GetDocumentContentAsync(new GetDocumentContentRequest { DocumentId = first.DocumentId });
        var documents = (await Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Mp122 })).View.Documents;

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 })), first.Sha256);
        Assert.Equal(3L, content.Document.SizeBytes);
        Assert.Equal(new byte[] { 1, 2, 3 }, content.Content.ToByteArray());
        Assert.Equal("Holly Burton", first.AttachedBy.Name);
        Assert.Equal([(second.DocumentId, ""), (first.DocumentId, second.DocumentId)], documents.Select(d => (d.DocumentId, d.SupersededBy)));
    }

    [Theory]
    [InlineData("ftp://example.org/mp122.pdf")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/modifications/mp122")]
    [InlineData("file:///etc/passwd")]
    public async Task A_link_that_is_not_http_or_https_is_refused_naming_the_url_and_writes_nothing(string url)
    {
        await Register.ImportAsync("MP122", "Operational metrics", D(2020, 3, 10));
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.AttachDocumentAsync(Link(url)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["url"], refused.ViolatedFields());
        // The URL is quoted once, as every refusal quotes what it names.
        Assert.Contains($"'{url}' is not an absolute http or https URL", refused.Status.Detail);
        Assert.DoesNotContain("''", refused.Status.Detail);
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_naming_the_content_and_writes_nothing()
    {
        await Register.ImportAsync("MP122", "Operational metrics", D(2020, 3, 10));
        await Suite.SettledAsync();
        var before = await Suite.EveryRowCountAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => Proposals.AttachDocumentAsync(File(new byte[1024 * 1024 + 1])).ResponseAsync);
        var neither = await Assert.ThrowsAsync<RpcException>(() => Proposals.AttachDocumentAsync(new AttachDocumentRequest
        {
            Reference = Mp122, Title = "Legal text", Kind = DocumentKind.LegalText, DatedOn = D(2020, 7, 1),
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["file.content"], refused.ViolatedFields());
        Assert.Contains("at most 1,048,576 bytes", refused.Status.Detail);
        Assert.Equal(["source"], neither.ViolatedFields());
        Assert.Equal(before, await Suite.EveryRowCountAsync());
    }

    [Fact]
    public async Task A_re_plan_is_a_new_revision_and_the_earlier_plan_is_kept()
    {
        await Register.ImportAsync("MP122", "Operational metrics", D(2020, 3, 10));
        Sec.Proposals.V1.PlannedMilestone Pa(Google.Type.Date on) => new() { Milestone = Milestone.PreliminaryAssessment, PlannedOn = on };
        await Proposals.PlanModificationAsync(new PlanModificationRequest { Reference = Mp122, PlannedOn = D(2020, 4, 1), Milestones = { Pa(D(2020, 5, 15)) } });
        var replanned = (await Proposals.PlanModificationAsync(new PlanModificationRequest
        {
            Reference = Mp122, PlannedOn = D(2020, 5, 20), Reason = "The DCC asked for more time", Milestones = { Pa(D(2020, 6, 5)) },
        })).Plan;
        var twice = await Assert.ThrowsAsync<RpcException>(() => Proposals.PlanModificationAsync(new PlanModificationRequest
        {
            Reference = Mp122, PlannedOn = D(2020, 5, 20), Milestones = { Pa(D(2020, 6, 5)), Pa(D(2020, 6, 6)) },
        }).ResponseAsync);

        Assert.Equal((2, "The DCC asked for more time"), (replanned.Revision, replanned.Reason));
        Assert.Equal([D(2020, 5, 15), D(2020, 6, 5)], replanned.Revisions.Select(r => r.Milestones.Single().PlannedOn));
        Assert.Equal((true, 59), (replanned.Milestones.Single().Overdue, replanned.Milestones.Single().SlippageDays));
        Assert.Equal(["milestones[1].milestone"], twice.ViolatedFields());
    }

    [Fact]
    public async Task Priority_keeps_every_determination_answers_as_of_a_date_and_refuses_a_retired_category()
    {
        await Register.ImportAsync("MP122", "Operational metrics", D(2020, 3, 10));
        var operatorChannel = new ProposalsService.ProposalsServiceClient(Suite.Channel("Olu Operator", "SECAS", [SecRoles.Operator]));
        await operatorChannel.PutPriorityCategoryAsync(new PutPriorityCategoryRequest { Category = new PriorityCategory { Code = "critical", Name = "Critical", Description = "Safety.", Rank = 0 } });
        await operatorChannel.PutPriorityCategoryAsync(new PutPriorityCategoryRequest { Category = new PriorityCategory { Code = "low", Name = "Low", Description = "Retired.", Rank = 3, Retired = true } });
        DeterminePriorityRequest Determine(string category, Google.Type.Date on, bool review = false) => new()
        {
            Reference = Mp122, Category = category, CriteriaNotes = "Consumer benefit weighed.", DeterminedBy = "SEC Panel", DeterminedOn = on, Review = review,
        };

        var reviewFirst = await Assert.ThrowsAsync<RpcException>(() => Proposals.DeterminePriorityAsync(Determine("medium", D(2020, 6, 1), review: true)).ResponseAsync);
        await Proposals.DeterminePriorityAsync(Determine("medium", D(2020, 6, 1)));
        var now = (await Proposals.DeterminePriorityAsync(Determine("critical", D(2020, 7, 1), review: true))).Priority;
        var retired = await Assert.ThrowsAsync<RpcException>(() => Proposals.DeterminePriorityAsync(Determine("low", D(2020, 7, 2))).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Proposals.DeterminePriorityAsync(Determine("urgent", D(2020, 7, 2))).ResponseAsync);
        var june = (await Proposals.GetModificationViewAsync(new GetModificationViewRequest { Reference = Mp122, AsOf = "2020-06-15" })).View.Priority;
        var categories = (await Proposals.ListPriorityCategoriesAsync(new())).Categories;

        Assert.Equal(StatusCode.FailedPrecondition, reviewFirst.StatusCode);
        Assert.Equal(("critical", true, 2), (now.Current.Category.Code, now.Current.Review, now.History.Count));
        Assert.Equal("medium", june.Current.Category.Code);
        Assert.Equal(["category"], retired.ViolatedFields());
        Assert.Contains("'low' is retired", retired.Status.Detail);
        // What the caller sent is quoted once.
        Assert.Contains("'urgent' is not a priority category", unknown.Status.Detail);
        Assert.DoesNotContain("''", unknown.Status.Detail);
        Assert.Equal(["critical", "high", "medium", "low"], categories.Select(c => c.Code));
    }
}
