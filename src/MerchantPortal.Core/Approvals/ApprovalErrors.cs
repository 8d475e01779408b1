using MerchantPortal.Common;

namespace MerchantPortal.Approvals;

public static class ApprovalErrors
{
    public const int MaxNoteLength = 500;

    public static Error NotAllowed { get; } =
        new("APPROVAL_NOT_ALLOWED", "Only support agents and admins can approve or reject.") { Kind = ErrorKind.Forbidden };

    public static Error NotFound { get; } = new("APPROVAL_NOT_FOUND", "That approval does not exist.", "approval_id") { Kind = ErrorKind.NotFound };

    public static Error OwnRequest { get; } =
        new("APPROVAL_OWN_REQUEST",
            "You asked for this yourself; a second person has to approve or reject it.", "approval_id") { Kind = ErrorKind.Forbidden };

    public static Error AlreadyDecided(ApprovalStatus status, string? by) =>
        new("APPROVAL_ALREADY_DECIDED",
            $"This was already {status.ToString().ToLowerInvariant()}{(by is null ? "" : $" by {by}")}.", "approval_id") { Kind = ErrorKind.Rule };

    public static Error NoteTooLong { get; } = new("APPROVAL_NOTE_TOO_LONG", $"The note can be at most {MaxNoteLength} characters.", "note");
}
