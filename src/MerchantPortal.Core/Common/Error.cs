namespace MerchantPortal.Common;

/// <summary>
/// An expected failure: a stable machine <paramref name="Code"/> (shown by the API as the problem's
/// <c>code</c>), a message a person can act on, and optionally the input field it concerns.
/// Its <see cref="Kind"/> tells the API which status to answer; a validation failure may carry every
/// field error of the request at once in <see cref="Errors"/>.
/// </summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    private readonly ErrorKind? _kind;

    /// <summary>What sort of failure this is; an error about a field is a validation error unless set otherwise.</summary>
    public ErrorKind Kind
    {
        get => _kind ?? (Field is null ? ErrorKind.Rule : ErrorKind.Validation);
        init => _kind = value;
    }

    /// <summary>The individual field errors of a combined validation failure (empty otherwise).</summary>
    public IReadOnlyList<Error> Errors { get; init; } = [];

    /// <summary>The code of a combined validation failure (<see cref="Validation"/>).</summary>
    public const string ValidationFailedCode = "VALIDATION_FAILED";

    /// <summary>
    /// One validation failure carrying every field error of a request in <see cref="Errors"/> (combined
    /// errors among them are unpacked); its message counts them, or is the error's own message when there is only one.
    /// </summary>
    public static Error Validation(IReadOnlyList<Error> errors)
    {
        errors = [.. errors.SelectMany(e => e.Flatten())];
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        var message = errors.Count == 1 ? errors[0].Message : $"The request has {errors.Count} invalid fields.";
        return new Error(ValidationFailedCode, message) { Kind = ErrorKind.Validation, Errors = errors };
    }

    /// <summary>
    /// The rule every validation in Core follows: no errors is success (null), one error is returned as it
    /// is, several are combined into one <see cref="Validation"/> failure.
    /// </summary>
    public static Error? Combine(IReadOnlyList<Error> errors) => errors.Sum(e => e.Flatten().Count) switch
    {
        0 => null,
        1 => errors.Single(),
        _ => Validation(errors),
    };

    /// <summary>The individual errors this stands for: those of a combined failure, or this error alone.</summary>
    public IReadOnlyList<Error> Flatten() => Errors.Count > 0 ? Errors : [this];
}

/// <summary>The kinds of expected failure; the API maps each to one HTTP status (docs/api.md).</summary>
public enum ErrorKind
{
    /// <summary>The input breaks a rule about its own shape or values (422 <c>VALIDATION_FAILED</c>).</summary>
    Validation,

    /// <summary>The input is well-formed but the current state refuses it, e.g. insufficient balance (422 with the code).</summary>
    Rule,

    /// <summary>What the request names does not exist, or belongs to another merchant (404).</summary>
    NotFound,

    /// <summary>The request collides with an earlier one, e.g. a reused idempotency key (409).</summary>
    Conflict,

    /// <summary>The actor is known but may not do this (403).</summary>
    Forbidden,

    /// <summary>The actor could not be identified (401).</summary>
    Unauthorized,

    /// <summary>A dependency is down or slow; the same request may succeed later (503).</summary>
    Unavailable,
}
