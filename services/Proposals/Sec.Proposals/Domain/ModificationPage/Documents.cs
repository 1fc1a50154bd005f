using System.Security.Cryptography;

namespace Sec.Proposals.Domain;

/// <summary>What a modification's document is: the papers the register links to or keeps.</summary>
public enum DocumentKind
{
    LegalText = 1,
    ModificationReport = 2,
    ConsultationDocument = 3,
    ConsultationResponses = 4,
    Rid = 5,
    Assessment = 6,
    WebPage = 7,
    Other = 8,
}

/// <summary>A file kept in the register's own storage.</summary>
public sealed record DocumentFile(string FileName, string? MediaType, byte[] Content);

/// <summary>A request to attach a document: exactly one of a link or a file.</summary>
public sealed record AttachDocument(string Title, DocumentKind Kind, string? Version, DateOnly DatedOn, string? Url, DocumentFile? File);

/// <summary>One document of a modification, as the register keeps it; a later version of the same kind and title supersedes it.</summary>
public sealed record ModificationDocument(
    string Id, string Reference, string Title, DocumentKind Kind, string? Version, DateOnly DatedOn,
    string? Url, string? FileName, string? MediaType, long? SizeBytes, string? Sha256,
    Actor AttachedBy, DateTimeOffset AttachedAt, string? SupersededBy);

/// <summary>The rules for attaching a document: links must be http(s), files have a size limit and are identified by their SHA-256.</summary>
public static class DocumentRules
{
    public const int MaxTitle = 300, MaxVersion = 40, MaxUrl = 2000, MaxFileName = 200, MaxMediaType = 100;

    /// <summary>Checks the request; every violation names its field.</summary>
    public static void Check(AttachDocument attach, int maxBytes, DateOnly today, FieldChecks checks)
    {
        checks.RequiredText(attach.Title, "title", MaxTitle).OptionalText(attach.Version, "version", MaxVersion);
        checks.Check(Enum.IsDefined(attach.Kind), "kind", "must be a document kind (legal text, Modification Report, consultation document or responses, RID, assessment, web page or other)");
        checks.Check(attach.DatedOn <= today, "dated_on", $"must not be in the future (today is {today:yyyy-MM-dd})");
        switch (attach)
        {
            case { Url: not null, File: not null }:
                checks.Add("source", "give a url or a file, not both");
                break;
            case { Url: { } url }:
                checks.Check(url.Length <= MaxUrl, "url", $"must be at most {MaxUrl} characters");
                checks.Check(IsWebLink(url), "url", $"{FieldChecks.Excerpt(url)} is not an absolute http or https URL");
                break;
            case { File: { } file }:
                checks.RequiredText(file.FileName, "file.file_name", MaxFileName).OptionalText(file.MediaType, "file.media_type", MaxMediaType);
                checks.Check(file.Content.Length > 0, "file.content", "must not be empty");
                checks.Check(file.Content.Length <= maxBytes, "file.content",
                    $"is {file.Content.Length:N0} bytes; a document file may be at most {maxBytes:N0} bytes (link larger papers by URL)");
                break;
            default:
                checks.Add("source", "give a url (an http or https link) or a file");
                break;
        }
    }

    /// <summary>An absolute http or https URL with a host: what a reader's browser can follow.</summary>
    public static bool IsWebLink(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0
        && !url.Any(FieldChecks.Unprintable);

    /// <summary>The file's SHA-256 in lower-case hex, which identifies its content.</summary>
    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The documents an attachment supersedes: the current ones of the same kind and title.</summary>
    public static IReadOnlyList<ModificationDocument> Superseded(IEnumerable<ModificationDocument> existing, AttachDocument attach) =>
        existing.Where(d => d.SupersededBy is null && d.Kind == attach.Kind
            && string.Equals(d.Title, attach.Title.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
}
