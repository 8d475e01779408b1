using MerchantPortal.Jobs;

namespace MerchantPortal.UnitTests.Jobs;

public sealed class RetryPolicyTests
{
    [Fact]
    public void The_default_backoff_doubles_from_five_seconds_to_ten_minutes_and_gives_up_after_eight_attempts()
    {
        var policy = ExponentialBackoff.Default(8);

        Assert.Equal([5, 10, 20, 40, 80, 160, 320], Enumerable.Range(1, 7).Select(a => policy.NextDelay(a)!.Value.TotalSeconds));
        Assert.Null(policy.NextDelay(8));
        Assert.Equal(TimeSpan.FromMinutes(10), ExponentialBackoff.Default(20).NextDelay(15));
    }

    [Fact]
    public void Webhook_deliveries_are_retried_for_about_three_days()
    {
        var schedule = RetrySchedule.WebhookDeliveries;

        var total = schedule.Delays.Aggregate(TimeSpan.Zero, (sum, d) => sum + d);
        Assert.InRange(total, TimeSpan.FromDays(2.5), TimeSpan.FromDays(3.5));
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Delays[0]);
        Assert.Null(schedule.NextDelay(schedule.MaxAttempts));
    }

    [Fact]
    public void Jitter_moves_a_delay_by_at_most_its_share()
    {
        var schedule = new RetrySchedule([TimeSpan.FromHours(10)], jitter: 0.1);

        for (var i = 0; i < 100; i++)
        {
            Assert.InRange(schedule.NextDelay(1)!.Value, TimeSpan.FromHours(9), TimeSpan.FromHours(11));
        }
    }

    [Fact]
    public void A_schedule_gives_up_after_its_last_delay()
    {
        var schedule = new RetrySchedule([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]);

        Assert.Equal(TimeSpan.FromSeconds(2), schedule.NextDelay(2));
        Assert.Null(schedule.NextDelay(3));
        Assert.Equal(3, schedule.MaxAttempts);
    }
}
