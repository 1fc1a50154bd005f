namespace Sec.BuildingBlocks.Domain;

/// <summary>
/// A rule of the SEC process said no. The API layer maps each kind to one gRPC status code, so
/// domain code never sees gRPC types. The message says what was wrong and what would be right.
/// </summary>
public abstract class DomainRefusal(string message) : Exception(message);

/// <summary>The move is not allowed from the current state (gRPC FailedPrecondition).</summary>
public sealed class MoveNotAllowed(string message) : DomainRefusal(message);

/// <summary>The thing asked for does not exist (gRPC NotFound).</summary>
public sealed class NotFound(string message) : DomainRefusal(message);

/// <summary>The thing to create exists already (gRPC AlreadyExists).</summary>
public sealed class AlreadyExists(string message) : DomainRefusal(message);

/// <summary>Someone else changed the same row first (gRPC Aborted); the caller should re-read and retry.</summary>
public sealed class ConcurrencyConflict(string message) : DomainRefusal(message);

/// <summary>One named field of a request is wrong.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>The request's fields are wrong (gRPC InvalidArgument with google.rpc.BadRequest details).</summary>
public sealed class InvalidFields(IReadOnlyList<FieldViolation> violations)
    : DomainRefusal(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    public InvalidFields(string field, string description) : this([new FieldViolation(field, description)]) { }
}
