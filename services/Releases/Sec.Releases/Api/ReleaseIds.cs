namespace Sec.Releases.Api;

/// <summary>The check every call naming a release makes of its id, before the id reaches the store or a message.</summary>
internal static class ReleaseIds
{
    /// <summary>A release's id as CreateRelease gives it: required, one line, at most 36 characters.</summary>
    public static FieldChecks ReleaseId(this FieldChecks checks, string? releaseId) => checks.RequiredText(releaseId, "release_id", 36);
}
