using MerchantPortal.Common;

namespace MerchantPortal.Fulfilment;

public static class FulfilmentErrors
{
    public static Error RetryNotAllowed { get; } =
        new("RETRY_NOT_ALLOWED", "Only support agents and admins can retry fulfilment.") { Kind = ErrorKind.Forbidden };

    public static Error NothingToRetry(string status) => new("NOTHING_TO_RETRY",
        $"Only a paid order that ended partial or failed, with units neither delivered nor refunded, can be retried; this one is {status}.");

    public static Error RetryConflict { get; } =
        new("RETRY_CONFLICT",
            "The order changed at the same moment (a refund, or another retry). Look at it again and retry.") { Kind = ErrorKind.Conflict };
}
