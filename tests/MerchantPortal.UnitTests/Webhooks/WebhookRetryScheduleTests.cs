using System.Net.Http.Headers;
using MerchantPortal.Webhooks;
using Microsoft.Extensions.Options;

namespace MerchantPortal.UnitTests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly WebhookRetrySchedule _schedule = new(Options.Create(new WebhookOptions()));

    [Fact]
    public void The_default_schedule_spans_about_three_days()
    {
        var total = WebhookOptions.DefaultRetrySchedule.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);

        Assert.InRange(total.TotalHours, 60, 72);
        Assert.Equal(9, WebhookOptions.DefaultRetrySchedule.Count);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(9, 72_000)]
    public void Each_retry_waits_its_scheduled_delay_within_ten_percent(int failedAttempts, int seconds)
    {
        for (var i = 0; i < 50; i++)
        {
            var wait = (_schedule.NextAttemptAt(failedAttempts, Now, null)!.Value - Now).TotalSeconds;

            Assert.InRange(wait, seconds * 0.9, seconds * 1.1);
        }
    }

    [Fact]
    public void After_the_last_scheduled_retry_there_is_none()
    {
        Assert.Null(_schedule.NextAttemptAt(10, Now, null));
    }

    [Fact]
    public void Retry_after_in_seconds_or_as_a_date_is_honoured_when_later_than_the_schedule()
    {
        var inSeconds = _schedule.NextAttemptAt(1, Now, new RetryConditionHeaderValue(TimeSpan.FromMinutes(2)));
        var asDate = _schedule.NextAttemptAt(1, Now, new RetryConditionHeaderValue(new DateTimeOffset(Now.AddHours(1))));

        Assert.Equal(Now.AddMinutes(2), inSeconds);
        Assert.Equal(Now.AddHours(1), asDate);
    }

    [Fact]
    public void A_short_retry_after_does_not_bring_the_schedule_forward()
    {
        var next = _schedule.NextAttemptAt(2, Now, new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)));

        Assert.True(next >= Now.AddMinutes(4.5));
    }
}
