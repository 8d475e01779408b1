using Stripe;

namespace MerchantPortal.Payments;

/// <summary>
/// When a Stripe event happened, for the order's timeline: Stripe's own creation time, so an event that arrives late
/// still sits where it happened. Never later than now (a fast Stripe clock must not push it after what followed it).
/// </summary>
internal static class StripeEventTime
{
    public static DateTime Of(Event stripeEvent, DateTime now)
    {
        var created = DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc);
        return created <= DateTime.UnixEpoch || created > now ? now : created;
    }
}
