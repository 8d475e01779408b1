namespace MerchantPortal.Common;

/// <summary>
/// An expected failure: a stable machine <paramref name="Code"/> (shown by the API as the problem's
/// <c>code</c>), a message a person can act on, and optionally the input field it concerns.
/// </summary>
public sealed record Error(string Code, string Message, string? Field = null);
