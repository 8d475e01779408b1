using MerchantPortal.Payments;
using Stripe;

namespace MerchantPortal.UnitTests.Payments;

public sealed class StripeEventTimeTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_late_event_is_placed_at_the_time_stripe_created_it()
    {
        var created = Now.AddMinutes(-3);

        Assert.Equal(created, StripeEventTime.Of(new Event { Created = created }, Now));
    }

    [Fact]
    public void An_event_from_a_fast_stripe_clock_is_placed_now_not_after_what_follows_it()
    {
        Assert.Equal(Now, StripeEventTime.Of(new Event { Created = Now.AddSeconds(20) }, Now));
    }

    [Fact]
    public void An_event_without_a_creation_time_is_placed_now()
    {
        Assert.Equal(Now, StripeEventTime.Of(new Event(), Now));
    }
}
